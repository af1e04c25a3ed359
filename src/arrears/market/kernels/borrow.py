"""Tables whose arrays skip reference counting, for the length of one kernel call.

numba counts references to every array a kernel handles: each time a table (a ``NamedTuple`` of
arrays) is bound to a name or passed to a function, every one of its arrays is increfed, and
decrefed when the name dies. The counts are atomic and live on the arrays themselves, so two
threads working on the same tables fight over the same cache lines. Inside one call of a kernel
the caller keeps the arrays alive, so the counting buys nothing there; :func:`borrowed` gives the
kernel the same arrays with no reference count attached (numba skips the count of an array that
has none), and LLVM then drops the counting code altogether.

Use it only on arguments, at the top of a kernel that neither returns nor stores those arrays.

It is built on numba's internals, not its public extension API: the layout of its array struct
(the ``meminfo`` and ``parent`` fields), ``numba.core.cgutils``, ``impl_ret_borrowed`` and
``numba.np.arrayobj.make_array``, any of which a minor release may change. So ``pyproject.toml``
pins numba to the minor release this was written and tested on (0.68); admit a new one only
once the engine-agreement tests and the benchmarks pass on it.
"""

from __future__ import annotations

from typing import Any, cast

from llvmlite import ir
from numba import types
from numba.core import cgutils
from numba.core.imputils import impl_ret_borrowed
from numba.extending import intrinsic, overload
from numba.np.arrayobj import make_array


def _detach(context: Any, builder: ir.IRBuilder, kind: types.Type, value: ir.Value) -> ir.Value:
    """``value`` of numba type ``kind`` with the reference count of every array in it removed."""
    if isinstance(kind, types.Array):
        array = make_array(kind)(context, builder, value=value)
        array.meminfo = cgutils.get_null_value(array.meminfo.type)
        array.parent = cgutils.get_null_value(array.parent.type)
        return array._getvalue()
    if isinstance(kind, types.BaseTuple):
        members: tuple[types.Type, ...] = cast(Any, kind).types
        for i, member in enumerate(members):
            detached = _detach(context, builder, member, builder.extract_value(value, i))
            value = builder.insert_value(value, detached, i)
    return value


@intrinsic
def _borrowed(typingctx: Any, table: types.Type) -> Any:
    if not isinstance(table, types.Array | types.BaseTuple):
        return None

    def codegen(context: Any, builder: ir.IRBuilder, signature: Any, args: Any) -> ir.Value:
        value = _detach(context, builder, table, args[0])
        return impl_ret_borrowed(context, builder, signature.return_type, value)

    return table(table), codegen


def borrowed[T](table: T) -> T:
    """``table`` (an array, or a tuple of arrays and scalars) with no reference counts.

    Compiled, the arrays share their memory with ``table``'s, which must outlive every use of
    the result; in Python (the agents engine's ``.py_func`` bodies) ``table`` itself.
    """
    return table


@overload(borrowed)  # not inline="always": numba 0.68 then lost writes made through the result
def _borrowed_overload(table: Any) -> Any:
    # numba checks that this signature, annotations included, matches `detached`'s.
    if not isinstance(table, types.Array | types.BaseTuple):
        return None

    def detached(table: Any) -> Any:
        return _borrowed(table)  # type: ignore[call-arg]  # numba supplies typingctx

    return detached
