//! Fetching the cycle file; any failure becomes a located, readable error.

use crate::config::{parse_cycle, ConfigError, Cycle};

pub async fn fetch_cycle(url: &str) -> Result<Cycle, Vec<ConfigError>> {
    let resp = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|_| {
            vec![ConfigError::at(
                "",
                "the cycle file could not be fetched (network error)",
            )]
        })?;
    if !resp.ok() {
        return Err(vec![ConfigError::at(
            "",
            format!(
                "the cycle file could not be fetched (HTTP {})",
                resp.status()
            ),
        )]);
    }
    let text = resp
        .text()
        .await
        .map_err(|_| vec![ConfigError::at("", "the cycle file could not be read")])?;
    parse_cycle(&text)
}
