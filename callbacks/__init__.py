"""Thin Dash callbacks, one module per feature. Importing this package registers them."""

from callbacks import charts as _charts  # noqa: F401
from callbacks import county as _county  # noqa: F401
from callbacks import flows as _flows  # noqa: F401
from callbacks import map as _map  # noqa: F401
from callbacks import select_tools as _select_tools  # noqa: F401
from callbacks import selection as _selection  # noqa: F401
from callbacks import share as _share  # noqa: F401
from callbacks import table as _table  # noqa: F401
from callbacks import timeline as _timeline  # noqa: F401
from callbacks import upload as _upload  # noqa: F401
from callbacks import url as _url  # noqa: F401
