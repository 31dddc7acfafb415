//! Analyses over the text around search hits (figures in a hit's right context, …).

pub mod figures;
