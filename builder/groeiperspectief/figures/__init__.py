"""Designed figures of the perspective: computed in Python, drawn once as inline SVG.

``text`` measures and wraps labels in the site font, ``layered`` places the opgaven
(layers from ``hangt_af_van``, theme lanes, crossings reduced), ``dependencies``
draws that layout as SVG for wide screens and for phones, with the data the
figure's script (``assets/groei-figure.js``) reads.
"""
