//! Where the form's pages live. The live form uses the router (real URLs,
//! back/forward, deep links); the preview keeps its page in a signal so staff
//! stay on /preview. Pages only ever call `Nav`, so both work the same.

use cycle::SectionId;
use leptos::prelude::*;
use leptos_router::{hooks::use_navigate, NavigateOptions};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Start,
    Section(SectionId),
    Review,
    Confirmation,
}

impl Page {
    pub fn path(&self) -> String {
        match self {
            Page::Start => "/".into(),
            Page::Section(id) => format!("/section/{id}"),
            Page::Review => "/review".into(),
            Page::Confirmation => "/confirmation".into(),
        }
    }
}

type RouterNavigate = Arc<dyn Fn(&str, NavigateOptions) + Send + Sync>;

#[derive(Clone)]
pub struct Nav {
    router: Option<RouterNavigate>,
    /// Base path the app is served under ("" or "/mentoring/apply").
    pub base: String,
    pub preview_page: RwSignal<Page>,
    /// Field to focus once the page has rendered (from a Change link or an
    /// error summary entry on another page).
    pub pending_focus: RwSignal<Option<String>>,
}

impl Nav {
    pub fn live(base: String) -> Self {
        let navigate = use_navigate();
        Nav {
            router: Some(Arc::new(move |p, o| navigate(p, o))),
            base,
            preview_page: RwSignal::new(Page::Start),
            pending_focus: RwSignal::new(None),
        }
    }

    pub fn preview() -> Self {
        Nav {
            router: None,
            base: String::new(),
            preview_page: RwSignal::new(Page::Start),
            pending_focus: RwSignal::new(None),
        }
    }

    pub fn is_preview(&self) -> bool {
        self.router.is_none()
    }

    /// The href a link to `page` carries (what "open in new tab" would use).
    pub fn href(&self, page: &Page) -> String {
        if self.is_preview() {
            return "#".into();
        }
        format!("{}{}", self.base, page.path())
    }

    pub fn go(&self, page: Page, focus: Option<String>) {
        self.pending_focus.set(focus);
        match &self.router {
            Some(nav) => nav(&page.path(), NavigateOptions::default()),
            None => {
                self.preview_page.set(page);
                crate::browser::window().scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    }
}
