//! The secret that keys the audit trail: HMAC-SHA256 over each event, so that someone who
//! holds only the database cannot forge an event or re-chain the log. The key lives in a
//! file of its own (see `config::create_audit_key`), never in the database.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// A 32-byte audit key. `Debug` never shows the bytes.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey([u8; 32]);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(..)")
    }
}

impl AuditKey {
    /// The key made of these bytes.
    pub fn from_bytes(bytes: [u8; 32]) -> AuditKey {
        AuditKey(bytes)
    }

    /// Reads the key file's text: 64 hex digits, surrounding white space ignored.
    pub fn parse(text: &str) -> Option<AuditKey> {
        let text = text.trim();
        if text.len() != 64 {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(AuditKey(bytes))
    }

    /// The key file's text.
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// HMAC-SHA256 of `parts` (concatenated) under this key, in lower-case hex.
    pub fn mac(&self, parts: &[&[u8]]) -> String {
        hex(&hmac_sha256(&self.0, parts))
    }
}

/// HMAC-SHA256 (RFC 2104) of the concatenated `parts` under `key`.
fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    // HMAC takes a key of any length, so this cannot fail.
    let Ok(mut m) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return [0; 32];
    };
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
            .collect()
    }

    /// RFC 4231 test cases 1-4, 6 and 7 (5 is a truncated output).
    #[test]
    fn hmac_sha256_meets_the_rfc_4231_vectors() {
        let aa = |n| vec![0xaau8; n];
        let cases: [(Vec<u8>, Vec<u8>, &str); 6] = [
            (
                vec![0x0b; 20],
                b"Hi There".to_vec(),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
            ),
            (
                b"Jefe".to_vec(),
                b"what do ya want for nothing?".to_vec(),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            ),
            (
                aa(20),
                vec![0xdd; 50],
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
            ),
            (
                unhex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
                vec![0xcd; 50],
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
            ),
            (
                aa(131),
                b"Test Using Larger Than Block-Size Key - Hash Key First".to_vec(),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
            ),
            (
                aa(131),
                b"This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".to_vec(),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
            ),
        ];
        for (key, data, want) in cases {
            assert_eq!(hex(&hmac_sha256(&key, &[&data])), want);
        }
        // Parts are concatenated: a split message has the same MAC.
        let whole = hex(&hmac_sha256(b"Jefe", &[b"what do ya want for nothing?"]));
        assert_eq!(
            whole,
            hex(&hmac_sha256(
                b"Jefe",
                &[b"what do ya ", b"want for nothing?"]
            ))
        );
    }

    #[test]
    fn keys_read_back_and_never_print() {
        let key = AuditKey::from_bytes([7; 32]);
        assert_eq!(
            AuditKey::parse(&format!(" {}\n", key.to_hex())),
            Some(key.clone())
        );
        assert_eq!(format!("{key:?}"), "AuditKey(..)");
        assert_eq!(AuditKey::parse("abc"), None);
        assert_eq!(AuditKey::parse(&"zz".repeat(32)), None);
    }
}
