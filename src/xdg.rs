//! XDG base directories, as the spec says: `$VAR` when set to an absolute path (a relative
//! value is invalid and ignored), else `$HOME/<fallback>`.

use std::path::PathBuf;

/// `$var`, else `$HOME/home_relative`; `None` when neither is usable.
pub fn base(var: &str, home_relative: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(home_relative))
        })
}
