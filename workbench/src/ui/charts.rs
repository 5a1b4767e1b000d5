//! Bar charts as SVG, each a figure with its caption, a name for assistive
//! technology (`role="img"`), a legend in words and the table of its
//! numbers. Bars are laid out in `em` and percentages (no `viewBox`), so
//! labels keep the reader's text size at any width, 200 % included; each
//! category's label sits above its bars so long names never collide.
//! Series differ by shape as well as colour (a filled bar, an outlined
//! bar), which survives forced colours and grey print.

use leptos::prelude::*;

/// One series of a chart ("Mentors") and its value per category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub name: String,
    pub values: Vec<usize>,
}

/// Room per category: a label line, then one bar line per series (em).
const LABEL_LINE: f64 = 1.5;
const BAR_LINE: f64 = 1.35;
const BAR_HEIGHT: f64 = 1.0;
/// The widest bar, in percent of the chart's width (the rest holds its number).
const WIDEST: f64 = 82.0;

#[component]
pub fn BarChart(
    /// Unique in the page (for the caption's id).
    id: String,
    caption: String,
    categories: Vec<String>,
    series: Vec<Series>,
    /// The table's first column heading ("Region").
    category_heading: String,
    /// Extra rows for the table only (such as "Not rated"), per series.
    #[prop(optional)]
    table_extra: Vec<(String, Vec<usize>)>,
) -> impl IntoView {
    let caption_id = format!("{id}-caption");
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let per = LABEL_LINE + BAR_LINE * series.len() as f64 + 0.4;
    let height = per * categories.len() as f64 + 0.2;
    let bars = categories
        .iter()
        .enumerate()
        .map(|(i, category)| {
            let top = per * i as f64;
            let label_y = top + 1.1;
            let rows = series
                .iter()
                .enumerate()
                .map(|(s, serie)| {
                    let value = serie.values.get(i).copied().unwrap_or(0);
                    let width = WIDEST * value as f64 / max as f64;
                    let y = top + LABEL_LINE + BAR_LINE * s as f64;
                    let (value_x, value_y) = (width + 1.5, y + 0.82);
                    let class = if s % 2 == 0 {
                        "wb-bar wb-bar--filled"
                    } else {
                        "wb-bar wb-bar--outlined"
                    };
                    // The geometry goes through the CSSOM (`style:`), not only
                    // attributes: the form's stylesheet resets every property of
                    // every element (`all: revert`, against host pages), and in
                    // SVG 2 a rect's x, y, width and height are such properties.
                    // The CSP allows CSSOM styles (only markup styles need
                    // 'unsafe-inline').
                    let (y, width) = (format!("{y:.2}em"), format!("{width:.2}%"));
                    view! {
                        <rect
                            class=class
                            x="1"
                            y=y.clone()
                            width=width.clone()
                            height=format!("{BAR_HEIGHT}em")
                            style:x="1px"
                            style:y=y
                            style:width=width
                            style:height=format!("{BAR_HEIGHT}em")
                        ></rect>
                        <text class="wb-chart__value" x=format!("{:.2}%", value_x) y=format!("{:.2}em", value_y)>
                            {value.to_string()}
                        </text>
                    }
                })
                .collect_view();
            view! {
                <text class="wb-chart__label" x="0" y=format!("{label_y:.2}em")>{category.clone()}</text>
                {rows}
            }
        })
        .collect_view();
    let legend = (series.len() > 1).then(|| {
        view! {
            <ul class="wb-legend">
                {series
                    .iter()
                    .enumerate()
                    .map(|(s, serie)| {
                        let class = if s % 2 == 0 {
                            "wb-bar wb-bar--filled"
                        } else {
                            "wb-bar wb-bar--outlined"
                        };
                        view! {
                            <li>
                                <svg
                                    class="wb-legend__swatch"
                                    width="1.6em"
                                    height="1em"
                                    style:width="1.6em"
                                    style:height="1em"
                                    aria-hidden="true"
                                >
                                    <rect
                                        class=class
                                        x="1"
                                        y="1"
                                        width="90%"
                                        height="80%"
                                        style:x="1px"
                                        style:y="1px"
                                        style:width="90%"
                                        style:height="80%"
                                    ></rect>
                                </svg>
                                {serie.name.clone()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let header = series
        .iter()
        .map(|s| view! { <th scope="col">{s.name.clone()}</th> })
        .collect_view();
    let body = categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), series.iter().map(|s| s.values.get(i).copied().unwrap_or(0)).collect::<Vec<_>>()))
        .chain(table_extra)
        .map(|(c, values)| {
            view! {
                <tr>
                    <th scope="row">{c}</th>
                    {values.into_iter().map(|v| view! { <td class="wb-num">{v.to_string()}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <figure class="wb-chart" aria-labelledby=caption_id.clone()>
            <figcaption class="wb-chart__caption" id=caption_id.clone()>{caption.clone()}</figcaption>
            {legend}
            <svg
                class="wb-chart__svg"
                role="img"
                aria-label=format!("{caption}: bar chart; its numbers are in the table that follows")
                width="100%"
                height=format!("{height:.2}em")
                style:width="100%"
                style:height=format!("{height:.2}em")
            >
                {bars}
            </svg>
            <div class="wb-table-wrap" role="region" aria-label=format!("{caption}, in numbers") tabindex="0">
                <table class="wb-table wb-table--plain wb-table--numbers">
                    <caption class="mf-visually-hidden">{format!("{caption}, in numbers")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{category_heading}</th>
                            {header}
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </figure>
    }
}
