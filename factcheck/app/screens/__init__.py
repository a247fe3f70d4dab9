"""The app's screens: review (main), source view, note editor, help."""
