"""The interface strings, one data-only module per area of the page; :mod:`layouts.i18n` looks them up."""
