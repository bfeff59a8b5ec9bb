using System.Runtime.CompilerServices;

namespace SensorNet.NodeKernel.Userspace;

/// <summary>
/// Free objects of one <see cref="UserRoutine"/> type, for calls that can nest (a routine called again from an upcall
/// that runs on top of one of its own yields): each call takes an object, and it comes back when the call's
/// <c>foreach</c> disposes it. Grows to the deepest nesting seen, then allocates nothing.
/// </summary>
/// <typeparam name="T">The routine type.</typeparam>
/// <param name="create">Makes a new object when none is free.</param>
internal sealed class UserRoutinePool<T>(Func<T> create) : UserRoutinePool
    where T : UserRoutine
{
    /// <summary>A routine object for one call; it returns here when disposed.</summary>
    public T Rent()
    {
        if (TakeFree() is { } free)
        {
            return Unsafe.As<T>(free); // only objects this pool created come back to it
        }

        T routine = create();
        routine.Pool = this;
        return routine;
    }
}

/// <summary>
/// The free list of a <see cref="UserRoutinePool{T}"/>, threaded through the free objects themselves: renting and
/// returning touch no array and need no type checks (a generic stack paid for both on
/// every call, hundreds of times per radio packet).
/// </summary>
internal abstract class UserRoutinePool
{
    private UserRoutine? _free;

    /// <summary>Takes an object back.</summary>
    internal void Return(UserRoutine routine)
    {
        routine.NextFree = _free;
        _free = routine;
    }

    /// <summary>A free object, or null.</summary>
    private protected UserRoutine? TakeFree()
    {
        UserRoutine? routine = _free;
        if (routine is not null)
        {
            _free = routine.NextFree;
            routine.NextFree = null;
        }

        return routine;
    }
}
