"""Software prefetch: ask the processor for a table row before the day's loop reaches it.

At a million accounts the tables far exceed the caches, and a borrower active today (about one
in ten) shares no cache line with the last one in most columns, so each column it reads is a
trip to main memory, and the loop waits on them one after another. The day's loop
(:func:`~arrears.market.kernels.day.run_borrower_rows`) therefore asks, a few borrowers ahead, for
the rows it will read (:func:`prefetch_row`): the loads then overlap instead of queueing. A prefetch
is only a hint; it changes no value, so results are the same with or without it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.extending import intrinsic
from numba.np.arrayobj import make_array

_FOR_WRITING = 1
_KEEP_IN_ALL_CACHES = 3
_DATA_CACHE = 1


def _prefetch_item(
    context: Any, builder: ir.IRBuilder, array_type: types.Array, array: ir.Value, row: ir.Value
) -> None:
    """Emit ``llvm.prefetch`` of ``array[row]`` (for writing, into every cache level)."""
    view = make_array(array_type)(context, builder, value=array)
    pointer = cgutils.get_item_pointer(context, builder, array_type, view, [row])
    byte_pointer = builder.bitcast(pointer, ir.IntType(8).as_pointer())
    i32 = ir.IntType(32)
    function = cgutils.get_or_insert_function(
        builder.module,
        ir.FunctionType(ir.VoidType(), [byte_pointer.type, i32, i32, i32]),
        "llvm.prefetch.p0",
    )
    builder.call(
        function, [byte_pointer, i32(_FOR_WRITING), i32(_KEEP_IN_ALL_CACHES), i32(_DATA_CACHE)]
    )


@intrinsic
def _prefetch_row(typingctx: Any, table: types.Type, row: types.Type) -> Any:
    if not isinstance(table, types.BaseTuple) or not isinstance(row, types.Integer):
        return None
    columns: tuple[types.Type, ...] = cast(Any, table).types
    if not all(isinstance(c, types.Array) and c.ndim == 1 for c in columns):
        return None

    def codegen(context: Any, builder: ir.IRBuilder, signature: Any, args: Any) -> Any:
        for i, column in enumerate(columns):
            array = builder.extract_value(args[0], i)
            _prefetch_item(context, builder, cast(types.Array, column), array, args[1])
        return context.get_dummy_value()

    return types.none(table, row), codegen


prefetch_row = cast(Callable[[tuple[Any, ...], int], None], _prefetch_row)
"""``prefetch_row(table, row)``: prefetch row ``row`` of every column of ``table`` (a tuple of
1-d arrays). Compiled code only (the agents engine never calls it); a prefetch never faults,
but callers pass rows in range. (An ``overload`` wrapper would hide numba's ``typingctx``
argument from type checkers, but it was not inlined, or with ``inline="always"`` lost the
day's writes under numba 0.68.)"""
