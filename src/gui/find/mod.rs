//! Find (Ctrl+F): matches across both panes, a count, and stepping through them. The engine
//! is plain data and search ([`engine`]); the bar draws it ([`bar`]).

mod bar;
mod engine;

pub use engine::Find;
