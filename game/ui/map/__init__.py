"""A pannable, zoomable map of the Taiwan Strait or of Kinmen with the game drawn on it.

    from game.ui.map.view import MapView

    view = MapView(scenario, "kinmen", size=(960, 720), lang="en", palette="default")
    view.handle_event(event)     # wheel zoom at the cursor, left-drag pan, arrows/WASD, +/-, Home
    view.update(dt)              # animations: shells, bursts fading, convoys sailing
    view.draw(screen, state, report, hover_pos=mouse, selected="roc_8in_m2")
    view.thing_at(mouse)         # id of the battery, target or place under the mouse
    view.play_report(report)     # animate a turn's report

Interface beyond the agreed one: `which`, `zoom` (pixels per km), `level` and
`level_range()`, `set_level`, `zoom_by`, `pan`, `centre_on`, `reset_view`, `map_rect()`,
`shown_places()`, `placed_labels()`, `thing_screen_pos(id)`, `territory()`, `decorations()`,
`nm_lines()`, `animating`,
`dragging`, and the attributes `ui_scale` (labels and symbols, default 1.0), `layers` (a set
of "base", "coast", "overlays", "symbols", "labels", "animations"; `{"base"}` draws only sea
and land fills) and `offset` (top-left of the map on the window, default (0, 0)).
`draw(state=...)` and `show(state)` take the viewing side's `Observation` (the screens pass
nothing else): an enemy battery that does not exist for the side (not yet arrived) is neither
drawn nor found by `thing_at`, one out of sight shows "?" and no range ring; a `State` (the
demo, the map tests) shows everything.
Helpers in `demo`: `demo_report`, `render_png`, `bench_frames` (for `python -m game bench`).

How it is drawn
- Projection: equirectangular, longitude scaled by cos(mid-latitude of the view), in km
  ("world" coordinates: x east and y south from the north-west corner of the view's box).
- Zoom goes in steps of 2**(1/4) from the scale that fits the box in the window (level 0), three
  steps out and up to 6x (strait) or 8x (Kinmen) in. For each (view, zoom, palette, layer set,
  margins, territorial lines shown) the base map is rendered once into a cached Surface that
  covers the whole box: sea, a light band of shallow water, the 3 and 12 nautical mile lines the
  day's decorations show (Kinmen view), land, lakes as water, and the coastline smoothed by two
  passes of Chaikin corner cutting and stroked anti-aliased. Edges that the map extract made
  along the box border are filled but never stroked. Around the Kinmen box the layer also holds
  as much of the surroundings (from the coarser strait map) as panning can show, so the map does
  not end in a grey band. Panning only blits; the highest zoom is capped so that a layer stays
  under `LAYER_MAX_PIXELS`, and a few layers are kept (least recently used dropped first).
- Lanes, craters, the selected battery's range ring, symbols and labels are drawn once onto a
  copy of the base layer (the "scene", kept until the state's guns or integrity, the
  selection, the layers or the report change; up to `SCENE_MAX_PIXELS`), so
  panning is one blit; each frame adds only the animations, the hover ring and highlights and
  the scale bar. The base layer's geometry (smoothed coasts, the 3/12 nm lines) is kept in a
  disk cache (see `cache`). Sprites come from `game.ui.symbols`; the layout is cached
  per zoom: the symbols of a place sit
  in a small grid (moved aside with a leader line when they would cover another place's),
  then labels are placed greedily by priority (places with batteries or targets, lane
  waypoints, other places): beside their place where there is room, else set off with a thin
  leader line (within `CALLOUT_REACH`, crossing no symbol, name or other line); a few orders
  are tried (the unnamed places first) and the one naming the most places kept. Names are
  smaller where places crowd (`NAME_PT`). The names of seas and lands come from the
  scenario's `map: regions`.

Decorations (`decor`): the scenario's `map: decorations` (territorial lines, fleets), each
drawn once its `event` has fired, its `move` has been made and its `flag` is set, in the
state the map was last shown (the viewing side's `Observation`): the 1958 scenario's 12 nm
line appears the morning after the 4 September declaration. A scenario without a `map:`
section draws no line, fleet or region name.

Who holds which coast (the 3 and 12 nautical mile lines)
- A land ring is ROC-held when it contains a place of the scenario with `side: roc` (a coast
  or sea place counts for the ring whose shore is nearest, within 2.5 km); it is PRC-held when
  it contains a `side: prc` place. An islet under 2 km2 with no place of its own takes the
  side of the nearest ring that has a place or is larger. Every other land ring is PRC coast.
  With the 1958 scenario that makes Greater Kinmen, Lieyu, Dadan and Erdan (and the rocks
  beside them) ROC, and the mainland, Xiamen, Gulangyu and Dadeng PRC.
- The lines are the outline of the PRC land mask dilated by 5.556 km and 22.224 km (a disc
  stamped with `pygame.mask` at every PRC shore vertex, on a 100 m grid), using the Kinmen
  map inside its box and the strait map for the shore just outside it. They are drawn over
  the sea only (land is filled over them). This approximates the 1958 declaration, which
  measured from straight baselines between headlands. US escorts in the convoy animation
  turn back 3 nm off Kinmen's shore (or off the PRC's, whichever comes first).

Positions given to `handle_event`, `draw(hover_pos=...)` and `thing_at` are window positions;
set `offset` when the map does not start at (0, 0) of the window. A click (press and release
without dragging) is not consumed by `handle_event`, so the caller sees the MOUSEBUTTONUP and
can ask `thing_at(event.pos)`. `draw` adapts to the size of the surface it is given.

The parts (each a module of this package; `MapView` is made of the four mixins)
- `geometry`: the views' boxes, the projection's constants, coastline smoothing (km, no pygame).
- `cache`: the disk cache of smoothed coasts and territorial lines.
- `geo`: `Geo`, one view's box and smoothed rings, and the process-wide `geo(name)`.
- `territory`: who holds which coast, and the 3 and 12 nm lines (`Territory`).
- `drawing`: pixel helpers (dashed lines, clipping, the bundled font).
- `camera`: zoom, pan, the projection to the window, mouse and keys (`Camera`).
- `labels`: where symbols and labels go at a zoom, label texts, hit testing (`Labels`).
- `placement`: the label placement's geometry (candidate spots, distances, whether a label
  reads as its own place's, whether a leader line is clear).
- `plans`: the planning side's orders as lines on the map (`stroke_plan`, also the legend's).
- `decor`: which of the scenario's decorations a state shows, and its region names.
- `layers`: the cached base layer, the scene drawn on it, the scale bar (`Layers`).
- `animation`: a turn's report played on the map (`Animation`).
- `view`: `MapView` itself; `demo`: a busy sample day, `render_png`, `bench_frames`.
"""
