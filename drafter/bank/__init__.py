"""The phrase bank: phrases and skeletons in YAML files (model, store)."""
