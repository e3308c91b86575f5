"""The screens of the game window; each is a state with handle_event, update and draw."""
