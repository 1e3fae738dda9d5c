"""Plain data of Redshift, one subject a module; `advisor.model_redshift` re-exports every
name with the snapshot that holds them."""
