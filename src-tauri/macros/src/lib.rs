//! `#[command]`: the one place where every IPC command of the shell is
//! logged. Tauri gives an invoke handler the command's name and input but
//! not its outcome (an async command answers from a task of its own), so
//! the log line is written around the command's body instead: this
//! attribute stands where `#[tauri::command]` stood, adds it back, and wraps
//! the body in `crate::logging::Call`, which logs the command's name, its
//! duration, `ok` or the error's code, and the input's top-level numeric
//! `id` (never any other input value). The adapters stay as they were.

use proc_macro::TokenStream;
use quote::quote;
use syn::{FnArg, ItemFn, Pat, parse_macro_input};

/// A Tauri command whose every call writes one line to the log.
#[proc_macro_attribute]
pub fn command(attr: TokenStream, item: TokenStream) -> TokenStream {
    if !attr.is_empty() {
        let attr = proc_macro2::TokenStream::from(attr);
        return syn::Error::new_spanned(attr, "#[command] takes no arguments")
            .to_compile_error()
            .into();
    }
    let ItemFn { attrs, vis, sig, block } = parse_macro_input!(item as ItemFn);
    let name = sig.ident.to_string();
    let has_input = sig.inputs.iter().any(|arg| {
        matches!(arg, FnArg::Typed(typed)
            if matches!(&*typed.pat, Pat::Ident(p) if p.ident == "input"))
    });
    let id = if has_input {
        quote!(crate::logging::input_id(&input))
    } else {
        quote!(::core::option::Option::None)
    };
    // The body runs as a block of its own, so that `?` ends the block and
    // not the command: the line is written on every way out.
    let body = if sig.asyncness.is_some() {
        quote!(crate::logging::Call::start(#name, #id).run_async(async move #block).await)
    } else {
        quote!(crate::logging::Call::start(#name, #id).run(move || #block))
    };
    quote! {
        #[::tauri::command]
        #(#attrs)*
        #vis #sig {
            #body
        }
    }
    .into()
}
