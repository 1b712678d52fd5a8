"""The engine-independent core: content model, validation, numbers, links, pages."""
