//! A small streaming WARC reader (ISO 28500, versions 1.0 and 1.1) and the
//! HTTP response parsing a `response` record needs.
//!
//! The format is simple enough to own: a `WARC/1.x` line, `Name: value`
//! headers, a blank line, `Content-Length` bytes of block, two CRLFs.

use std::io::{self, BufRead, Read};

/// The headers of one WARC record that corpusmill uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcHeader {
    pub warc_type: String,
    pub target_uri: Option<String>,
    pub date: Option<String>,
    pub content_length: u64,
}

/// Why the WARC stream could not be read on.
#[derive(Debug)]
pub enum WarcError {
    Io(io::Error),
    /// The bytes are not a WARC record header (`detail` says what was found).
    Malformed(String),
}

impl From<io::Error> for WarcError {
    fn from(err: io::Error) -> Self {
        WarcError::Io(err)
    }
}

/// Reads the next record header; `Ok(None)` at a clean end of stream.
pub fn read_header(r: &mut impl BufRead) -> Result<Option<WarcHeader>, WarcError> {
    let mut line = Vec::new();
    // Skip the blank lines that end the previous record.
    loop {
        line.clear();
        if read_line_capped(r, &mut line, 4096)? == 0 {
            return Ok(None);
        }
        if !line.trim_ascii().is_empty() {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        let shown = String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned();
        return Err(WarcError::Malformed(format!("expected a WARC/1.x line, found {shown:?}")));
    }
    let mut header = WarcHeader::default();
    let mut have_length = false;
    for _ in 0..1024 {
        line.clear();
        if read_line_capped(r, &mut line, 64 * 1024)? == 0 {
            return Err(WarcError::Malformed("stream ended inside a record header".into()));
        }
        let text = String::from_utf8_lossy(line.trim_ascii());
        if text.is_empty() {
            if !have_length {
                return Err(WarcError::Malformed("record without Content-Length".into()));
            }
            return Ok(Some(header));
        }
        let Some((name, value)) = text.split_once(':') else { continue };
        let value = value.trim().to_string();
        match name.trim().to_ascii_lowercase().as_str() {
            "warc-type" => header.warc_type = value.to_ascii_lowercase(),
            "warc-target-uri" => header.target_uri = Some(value.trim_matches(['<', '>']).to_string()),
            "warc-date" => header.date = Some(value),
            "content-length" => {
                header.content_length =
                    value.parse().map_err(|_| WarcError::Malformed(format!("bad Content-Length {value:?}")))?;
                have_length = true;
            }
            _ => {}
        }
    }
    Err(WarcError::Malformed("record header has too many lines".into()))
}

/// Reads one line (with its `\n`) into `buf`, failing on a line longer than `cap`.
fn read_line_capped(r: &mut impl BufRead, buf: &mut Vec<u8>, cap: u64) -> io::Result<usize> {
    let n = r.take(cap).read_until(b'\n', buf)?;
    if n as u64 == cap && !buf.ends_with(b"\n") {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "header line too long"));
    }
    Ok(n)
}

/// An HTTP response as stored in a `response` record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub content_type: Option<String>,
    /// The `charset` parameter of `Content-Type`, when present.
    pub charset: Option<String>,
    pub body: Vec<u8>,
}

/// Why an HTTP response block gave no body.
#[derive(Debug, PartialEq, Eq)]
pub enum HttpError {
    /// The block does not start with an HTTP/1.x status line and headers.
    NotHttp,
    /// The body inflates (`Content-Encoding`) past the record size limit.
    TooLarge { limit: u64 },
    /// The body is compressed and damaged.
    BadEncoding(String),
}

/// Parses an HTTP/1.x response block: status, headers, body (de-chunked, and
/// inflated when `Content-Encoding: gzip`/`deflate`, to at most `max_body`
/// bytes). A body labelled compressed that is not (some crawlers store the
/// decoded payload and keep the header) is taken as it is.
pub fn parse_http_response(block: &[u8], max_body: u64) -> Result<HttpResponse, HttpError> {
    let end = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or(HttpError::NotHttp)?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().ok_or(HttpError::NotHttp)?;
    if !status_line.starts_with("HTTP/") {
        return Err(HttpError::NotHttp);
    }
    let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or(HttpError::NotHttp)?;
    let (mut content_type, mut chunked, mut encoding) = (None, false, None);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_string()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(value.to_ascii_lowercase()),
            _ => {}
        }
    }
    let raw = &block[end.1..];
    let body = if chunked { dechunk(raw).unwrap_or_else(|| raw.to_vec()) } else { raw.to_vec() };
    let body = match encoding.as_deref() {
        Some("gzip" | "x-gzip") if body.starts_with(&[0x1f, 0x8b]) => {
            inflate(flate2::read::MultiGzDecoder::new(&body[..]), max_body, "gzip")?
        }
        // A zlib stream starts with CMF 0x78 (deflate, 32 KiB window).
        Some("deflate") if body.first() == Some(&0x78) => {
            inflate(flate2::read::ZlibDecoder::new(&body[..]), max_body, "deflate")?
        }
        _ => body,
    };
    let charset = content_type.as_deref().and_then(charset_param);
    Ok(HttpResponse { status, content_type, charset, body })
}

fn inflate(reader: impl Read, max: u64, what: &str) -> Result<Vec<u8>, HttpError> {
    let mut out = Vec::new();
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|err| HttpError::BadEncoding(format!("Content-Encoding {what}: {err}")))?;
    if out.len() as u64 > max {
        return Err(HttpError::TooLarge { limit: max });
    }
    Ok(out)
}

/// `text/html; charset="GBK"` → `GBK`.
pub fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("charset"))
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
            .filter(|v| !v.is_empty())
    })
}

/// Undoes `Transfer-Encoding: chunked`; `None` when the framing is broken.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let nl = memchr::memchr(b'\n', raw)?;
        let size_text = String::from_utf8_lossy(&raw[..nl]);
        let size_hex = size_text.trim().split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        raw = &raw[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size..)?;
        raw = raw.strip_prefix(b"\r\n").or_else(|| raw.strip_prefix(b"\n")).unwrap_or(raw);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers_and_skips_separators() {
        let stream = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <http://a.example/x>\r\nWARC-Date: 2025-02-28T09:15:00Z\r\nContent-Length: 5\r\n\r\nhello\r\n\r\nWARC/1.1\r\nWARC-Type: request\r\nContent-Length: 0\r\n\r\n\r\n\r\n";
        let mut r = &stream[..];
        let h = read_header(&mut r).expect("ok").expect("record");
        assert_eq!(h.warc_type, "response");
        assert_eq!(h.target_uri.as_deref(), Some("http://a.example/x"));
        assert_eq!(h.content_length, 5);
        let mut block = vec![0; 5];
        r.read_exact(&mut block).expect("block");
        assert_eq!(&block, b"hello");
        let h = read_header(&mut r).expect("ok").expect("record");
        assert_eq!((h.warc_type.as_str(), h.content_length), ("request", 0));
        assert!(read_header(&mut r).expect("ok").is_none());
        assert!(matches!(read_header(&mut &b"GET / HTTP/1.1\r\n"[..]), Err(WarcError::Malformed(_))));
    }

    #[test]
    fn http_responses() {
        let r =
            parse_http_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"GBK\"\r\n\r\n<html>", 1 << 20)
                .expect("response");
        assert_eq!((r.status, r.charset.as_deref(), &r.body[..]), (200, Some("GBK"), &b"<html>"[..]));
        let r = parse_http_response(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n",
            1 << 20,
        )
        .expect("response");
        assert_eq!(r.body, b"Wikipedia");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"<p>zipped</p>").expect("gzip");
        let mut block = b"HTTP/1.0 404 Not Found\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(gz.finish().expect("gzip"));
        let r = parse_http_response(&block, 1 << 20).expect("response");
        assert_eq!((r.status, &r.body[..]), (404, &b"<p>zipped</p>"[..]));
        assert_eq!(parse_http_response(&block, 13).map(|r| r.body.len()), Ok(13), "exactly at the limit");
        assert_eq!(parse_http_response(&block, 12).err(), Some(HttpError::TooLarge { limit: 12 }));
        let cut = &block[..block.len() - 6];
        assert!(matches!(parse_http_response(cut, 1 << 20), Err(HttpError::BadEncoding(_))));
        let stored_decoded = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n<p>plain</p>";
        assert_eq!(parse_http_response(stored_decoded, 1 << 20).expect("response").body, b"<p>plain</p>");
        assert_eq!(parse_http_response(b"not http\r\n\r\nbody", 10).err(), Some(HttpError::NotHttp));
    }
}
