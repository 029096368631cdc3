//! Renders a document as a tagged, accessible PDF.
