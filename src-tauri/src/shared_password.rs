//! The shared workspace's password, which the core never stores: kept in
//! the system's credential store (Secret Service, Keychain, Credential
//! Manager; the `keyring` crate) when the user asks Samlär to remember it,
//! and always in this process's memory for the session. Where there is no
//! credential store (a desktop without Secret Service, the end-to-end tests
//! under Xvfb) or it does not answer, the password lives in memory only:
//! joining never fails because of the store. Never written to disk by
//! Samlär, never logged.

use samlar::shared::ServerSettings;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The credential store's service name; the account is [`account`].
pub const SERVICE: &str = "Samlär delad arbetsyta";

/// How long to wait for the credential store before doing without it.
const STORE_WAIT: Duration = Duration::from_secs(5);

/// The account a password is kept under: `user@host:port/database`.
pub fn account(server: &ServerSettings) -> String {
    format!("{}@{}:{}/{}", server.user, server.host, server.port, server.database)
}

/// The credential store did not answer, or there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

/// Where passwords are remembered between sessions.
pub trait CredentialStore: Send + Sync + 'static {
    /// The password kept for `account`; `Ok(None)` when there is none.
    fn get(&self, account: &str) -> Result<Option<String>, Unavailable>;
    fn set(&self, account: &str, password: &str) -> Result<(), Unavailable>;
    /// Removes the password kept for `account`; none kept is no error.
    fn delete(&self, account: &str) -> Result<(), Unavailable>;
}

/// The system's credential store, through `keyring`.
pub struct SystemStore;

impl CredentialStore for SystemStore {
    fn get(&self, account: &str) -> Result<Option<String>, Unavailable> {
        match keyring::Entry::new(SERVICE, account).and_then(|e| e.get_password()) {
            Ok(password) => Ok(Some(password)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(_) => Err(Unavailable),
        }
    }

    fn set(&self, account: &str, password: &str) -> Result<(), Unavailable> {
        keyring::Entry::new(SERVICE, account)
            .and_then(|e| e.set_password(password))
            .map_err(|_| Unavailable)
    }

    fn delete(&self, account: &str) -> Result<(), Unavailable> {
        match keyring::Entry::new(SERVICE, account).and_then(|e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(_) => Err(Unavailable),
        }
    }
}

/// Where a password given by the user was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// In the credential store and in memory.
    Stored,
    /// In memory only, until the app closes.
    InMemory,
}

#[derive(Default)]
struct Held {
    /// The account and password of this session.
    password: Option<(String, String)>,
    /// The account whose password the credential store was asked for.
    consulted: Option<String>,
    /// The store was found unavailable (said once in the log).
    unavailable_logged: bool,
}

/// The password of this session, and the credential store behind it.
pub struct Passwords {
    store: Arc<dyn CredentialStore>,
    held: Mutex<Held>,
}

impl Passwords {
    pub fn new(store: impl CredentialStore) -> Passwords {
        Passwords { store: Arc::new(store), held: Mutex::new(Held::default()) }
    }

    /// Over the system's credential store.
    pub fn system() -> Passwords {
        Passwords::new(SystemStore)
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs a credential store call on a blocking thread, for at most `STORE_WAIT`.
    async fn with_store<T: Send + 'static>(
        &self,
        call: impl FnOnce(&dyn CredentialStore) -> Result<T, Unavailable> + Send + 'static,
    ) -> Result<T, Unavailable> {
        let store = Arc::clone(&self.store);
        let task = tauri::async_runtime::spawn_blocking(move || call(store.as_ref()));
        let outcome = match tokio::time::timeout(STORE_WAIT, task).await {
            Ok(Ok(result)) => result,
            _ => Err(Unavailable),
        };
        if outcome.is_err() {
            let mut held = self.held();
            if !held.unavailable_logged {
                held.unavailable_logged = true;
                tracing::info!("no credential store: a password is kept for this session only");
            }
        }
        outcome
    }

    /// The password for `account` held in memory, without asking the store.
    pub fn in_memory(&self, account: &str) -> Option<String> {
        let held = self.held();
        held.password.as_ref().filter(|(a, _)| a == account).map(|(_, p)| p.clone())
    }

    /// True when no password for `account` is known and the credential store
    /// has been asked: the window has to ask the user. (The status asks the
    /// store itself, through `password`; the tests read this.)
    #[cfg(test)]
    pub fn needed(&self, account: &str) -> bool {
        self.in_memory(account).is_none() && self.held().consulted.as_deref() == Some(account)
    }

    /// The password for `account`: from memory, else (once per account)
    /// from the credential store.
    pub async fn password(&self, account: &str) -> Option<String> {
        if let Some(password) = self.in_memory(account) {
            return Some(password);
        }
        if self.held().consulted.as_deref() == Some(account) {
            return None;
        }
        let owned = account.to_owned();
        let found = self.with_store(move |s| s.get(&owned)).await.ok().flatten();
        let mut held = self.held();
        held.consulted = Some(account.to_owned());
        if let Some(password) = &found {
            held.password = Some((account.to_owned(), password.clone()));
        }
        found
    }

    /// Keeps the password the user gave: in memory, and in the credential
    /// store when `remember` (else any password stored for it goes).
    pub async fn keep(&self, account: &str, password: String, remember: bool) -> Kept {
        {
            let mut held = self.held();
            held.password = Some((account.to_owned(), password.clone()));
            held.consulted = Some(account.to_owned());
        }
        let owned = account.to_owned();
        let stored = if remember {
            self.with_store(move |s| s.set(&owned, &password)).await
        } else {
            let _ = self.with_store(move |s| s.delete(&owned)).await;
            Err(Unavailable)
        };
        if stored.is_ok() { Kept::Stored } else { Kept::InMemory }
    }

    /// Forgets the password for `account`, in memory and in the store.
    pub async fn forget(&self, account: &str) {
        {
            let mut held = self.held();
            held.password = None;
            held.consulted = Some(account.to_owned());
        }
        let owned = account.to_owned();
        let _ = self.with_store(move |s| s.delete(&owned)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::{CredentialStore, Kept, Passwords, Unavailable, account};
    use samlar::shared::{ServerSettings, Tls};
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    /// A store in memory, shared with the test that looks into it.
    #[derive(Clone, Default)]
    struct MapStore(Arc<Mutex<HashMap<String, String>>>);

    impl CredentialStore for MapStore {
        fn get(&self, account: &str) -> Result<Option<String>, Unavailable> {
            Ok(self.0.lock().unwrap().get(account).cloned())
        }
        fn set(&self, account: &str, password: &str) -> Result<(), Unavailable> {
            self.0.lock().unwrap().insert(account.into(), password.into());
            Ok(())
        }
        fn delete(&self, account: &str) -> Result<(), Unavailable> {
            self.0.lock().unwrap().remove(account);
            Ok(())
        }
    }

    /// No credential store, as under Xvfb without Secret Service.
    struct NoStore;

    impl CredentialStore for NoStore {
        fn get(&self, _: &str) -> Result<Option<String>, Unavailable> {
            Err(Unavailable)
        }
        fn set(&self, _: &str, _: &str) -> Result<(), Unavailable> {
            Err(Unavailable)
        }
        fn delete(&self, _: &str) -> Result<(), Unavailable> {
            Err(Unavailable)
        }
    }

    const ANNA: &str = "anna@db.example.se:5432/samlar";

    fn run<T>(future: impl std::future::Future<Output = T>) -> T {
        tauri::async_runtime::block_on(future)
    }

    #[test]
    fn the_account_names_user_server_port_and_database() {
        let server = ServerSettings {
            host: "db.example.se".into(),
            port: 5432,
            database: "samlar".into(),
            user: "anna".into(),
            tls: Tls::VerifyFull,
        };
        assert_eq!(account(&server), ANNA);
    }

    #[test]
    fn without_a_store_the_password_is_kept_in_memory_for_the_session() {
        let passwords = Passwords::new(NoStore);
        assert!(!passwords.needed(ANNA), "not needed before the store was asked");
        assert_eq!(run(passwords.password(ANNA)), None);
        assert!(passwords.needed(ANNA));
        assert_eq!(run(passwords.keep(ANNA, "hemligt".into(), true)), Kept::InMemory);
        assert_eq!(run(passwords.password(ANNA)), Some("hemligt".into()));
        assert!(!passwords.needed(ANNA));
        assert_eq!(passwords.in_memory("bo@db.example.se:5432/samlar"), None);
    }

    #[test]
    fn a_remembered_password_is_found_in_the_store_at_the_next_start() {
        let store = MapStore::default();
        let first = Passwords::new(store.clone());
        assert_eq!(run(first.keep(ANNA, "hemligt".into(), true)), Kept::Stored);
        let next = Passwords::new(store.clone());
        assert_eq!(next.in_memory(ANNA), None);
        assert_eq!(run(next.password(ANNA)), Some("hemligt".into()));
        assert_eq!(next.in_memory(ANNA), Some("hemligt".into()));
    }

    #[test]
    fn a_password_not_to_remember_stays_out_of_the_store_and_removes_an_old_one() {
        let store = MapStore::default();
        store.set(ANNA, "gammalt").unwrap();
        let passwords = Passwords::new(store.clone());
        assert_eq!(run(passwords.keep(ANNA, "nytt".into(), false)), Kept::InMemory);
        assert_eq!(store.get(ANNA).unwrap(), None);
        assert_eq!(run(passwords.password(ANNA)), Some("nytt".into()));
    }

    #[test]
    fn forgetting_removes_it_from_memory_and_store() {
        let store = MapStore::default();
        let passwords = Passwords::new(store.clone());
        run(passwords.keep(ANNA, "hemligt".into(), true));
        run(passwords.forget(ANNA));
        assert_eq!(store.get(ANNA).unwrap(), None);
        assert_eq!(run(passwords.password(ANNA)), None);
        assert!(passwords.needed(ANNA));
    }

    #[test]
    fn forgetting_without_a_store_still_forgets_in_memory() {
        let passwords = Passwords::new(NoStore);
        run(passwords.keep(ANNA, "hemligt".into(), false));
        run(passwords.forget(ANNA));
        assert_eq!(passwords.in_memory(ANNA), None);
    }
}
