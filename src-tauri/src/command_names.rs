// The app's IPC commands, shared by build.rs (which declares one permission
// per command) and the tests (which check that each is registered).
pub const COMMANDS: &[&str] = &[
    "list_partnerships",
    "get_partnership",
    "create_partnership",
    "update_partnership",
    "set_partnership_archived",
    "get_settings",
    "set_language",
];
