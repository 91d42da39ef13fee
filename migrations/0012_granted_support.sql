-- The support a funder has granted (beviljat stöd, e.g. from ESF), besides
-- the total budget: whole kronor, optional.
ALTER TABLE partnerships ADD COLUMN granted_sek INTEGER
    CHECK (granted_sek IS NULL OR granted_sek >= 0);
