namespace SensorNet.NodeKernel.Userspace;

/// <summary>
/// The objects of one <see cref="UserRoutine"/> type, for calls that can nest (a routine called again from an upcall
/// that runs on top of one of its own yields): each call takes a free object, and it is free again when the call's
/// <c>foreach</c> disposes it. Grows to the deepest nesting seen, then allocates nothing.
/// </summary>
/// <remarks>
/// An object says itself whether it is free (<see cref="UserRoutine.IsFree"/>), so renting and returning store no
/// reference (each reference store into the heap runs the garbage collector's write barrier, and these run hundreds of
/// times per radio packet). Nesting is rare, so the first object is kept apart and is almost always the one taken.
/// </remarks>
/// <typeparam name="T">The routine type.</typeparam>
/// <param name="create">Makes a new object when none is free.</param>
internal sealed class UserRoutinePool<T>(Func<T> create)
    where T : UserRoutine
{
    private T? _first;
    private T[] _more = [];

    /// <summary>A routine object for one call; it is free again when disposed.</summary>
    public T Rent()
    {
        if (_first is { IsFree: true } first)
        {
            first.IsFree = false;
            return first;
        }

        return RentNested();
    }

    // The first call of all, or a call nested in a call of the same routine.
    private T RentNested()
    {
        if (_first is null)
        {
            return _first = Create();
        }

        foreach (T routine in _more)
        {
            if (routine.IsFree)
            {
                routine.IsFree = false;
                return routine;
            }
        }

        T added = Create();
        _more = [.. _more, added];
        return added;
    }

    private T Create()
    {
        T routine = create();
        routine.IsPooled = true;
        return routine;
    }
}

