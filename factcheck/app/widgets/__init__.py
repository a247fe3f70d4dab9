"""The review screen's parts: each owns its data, posts messages up, takes method calls down."""
