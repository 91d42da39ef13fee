// What the attachment lists of a meeting's page share.

/**
 * The largest file an attachment may be: the core's `kernel::limits::ATTACHMENT_MAX_BYTES`
 * (tests/core/attachments.rs checks that the two agree). Checked before a file is read.
 */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
