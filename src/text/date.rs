//! Dates as a Vietnamese reader writes them: `06/06/2020 14:00` for the corpus's
//! `2020-06-06T14:00`.

/// `yyyy-mm-dd[Thh:mm[:ss]]` → `dd/mm/yyyy[ hh:mm]`; anything else as it is (a corpus
/// may carry a date the preprocessor could not read into that form).
pub fn display_date(iso: &str) -> String {
    let (day, time) = match iso.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (iso, None),
    };
    let parts: Vec<&str> = day.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let [y, m, d] = parts.as_slice() else {
        return iso.to_string();
    };
    if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
        return iso.to_string();
    }
    let mut out = format!("{d}/{m}/{y}");
    if let Some(t) = time {
        let hm = t
            .get(..5)
            .filter(|hm| hm.as_bytes()[2] == b':' && digits(&hm[..2], 2) && digits(&hm[3..], 2));
        match hm {
            Some(hm) => {
                out.push(' ');
                out.push_str(hm);
            }
            None => return iso.to_string(),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::display_date;

    #[test]
    fn iso_dates_read_day_first() {
        assert_eq!(display_date("2020-06-06T14:00"), "06/06/2020 14:00");
        assert_eq!(display_date("2020-06-06T14:00:59"), "06/06/2020 14:00");
        assert_eq!(display_date("2017-02-05"), "05/02/2017");
        for odd in [
            "",
            "6/2/2017",
            "2017-2-5",
            "2017-02-05T1",
            "2017-02-05Tab:cd",
            "xx-yy-zz",
        ] {
            assert_eq!(display_date(odd), odd);
        }
    }
}
