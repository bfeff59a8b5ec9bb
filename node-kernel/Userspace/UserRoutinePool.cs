namespace SensorNet.NodeKernel.Userspace;

/// <summary>
/// Free objects of one <see cref="UserRoutine"/> type, for calls that can nest (a routine called again from an upcall
/// that runs on top of one of its own yields): each call takes an object, and it comes back when the call's
/// <c>foreach</c> disposes it. Grows to the deepest nesting seen, then allocates nothing.
/// </summary>
/// <typeparam name="T">The routine type.</typeparam>
/// <param name="create">Makes a new object when none is free.</param>
internal sealed class UserRoutinePool<T>(Func<T> create)
    where T : UserRoutine
{
    private readonly Stack<T> _free = new();

    /// <summary>A routine object for one call; it returns here when disposed.</summary>
    public T Rent()
    {
        if (_free.TryPop(out T? routine))
        {
            return routine;
        }

        routine = create();
        routine.Release = r => _free.Push((T)r);
        return routine;
    }
}
