using System.Reflection;
using System.Runtime.CompilerServices;

namespace SensorNet.SimEngine.Events;

/// <summary>
/// Finds the objects of one node's state: everything reachable from its roots through instance fields (reference
/// fields, references inside struct fields, array elements and delegates' targets) whose type is defined in one of the
/// roots' assemblies, is an array, or belongs to the runtime's core or collections library (collections, delegates). It stops at objects of other
/// assemblies (a scenario runner's trace sinks and collectors, which every node shares), at <see cref="ISharedModel"/>s
/// (the wireless medium), at the simulation, at event domains and at strings.
/// </summary>
/// <remarks>
/// Used only to prefetch (<see cref="StatePrefetch"/>): what it finds never changes what the simulation computes, so a
/// walk that misses an object costs time, not correctness. Its work is bounded (<see cref="MaxObjects"/>,
/// <see cref="MaxVisits"/>): past either bound it gives up, since it has then leaked into shared state. One instance
/// per <see cref="Simulation"/>, which keeps the fields of each type it has seen and reuses its work lists, so walking
/// another node of a kind allocates only the result.
/// </remarks>
internal sealed class StateWalker(Simulation simulation)
{
    /// <summary>More objects than a node's state has (a LoRa node: about 270); reached, the walk has leaked into shared state.</summary>
    public const int MaxObjects = 4096;

    /// <summary>More fields and array elements than a node's state has: a bound on the work of a walk that leaked.</summary>
    public const int MaxVisits = 65_536;

    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private readonly Dictionary<Type, FieldInfo[]> _fields = [];
    private readonly Dictionary<Type, bool> _holdsReferences = [];
    private readonly Dictionary<Type, int> _fieldBytes = [];
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<object> _pending = new();
    private readonly List<object> _found = [];
    private readonly HashSet<Assembly> _assemblies = [];
    private int _visits;

    /// <summary>
    /// The objects reachable from <paramref name="roots"/>, roots first; null if there are more than
    /// <see cref="MaxObjects"/> or the walk takes more than <see cref="MaxVisits"/> steps.
    /// </summary>
    public object[]? Walk(object[] roots)
    {
        try
        {
            foreach (object root in roots)
            {
                _assemblies.Add(root.GetType().Assembly);
            }

            foreach (object root in roots)
            {
                Visit(root);
            }

            while (_pending.TryDequeue(out object? o))
            {
                if (_found.Count == MaxObjects || _visits > MaxVisits)
                {
                    return null;
                }

                _found.Add(o);
                Expand(o);
            }

            return _visits > MaxVisits ? null : [.. _found];
        }
        finally
        {
            _seen.Clear();
            _pending.Clear();
            _found.Clear();
            _assemblies.Clear();
            _visits = 0;
        }
    }

    /// <summary>
    /// About how many bytes <paramref name="o"/> spans from its method-table pointer (where a reference points) to its
    /// end, rounded up to 8: 8 plus its fields' sizes (a boxed struct: plus the struct's size), or for an array its
    /// header (16 bytes, more for a multi-dimensional one) plus its elements'. Padding between a class's fields is not
    /// counted, so it may be short by a few bytes; capped at <paramref name="cap"/>. A type that cannot be sized counts
    /// as <see cref="UnsizedBytes"/>.
    /// </summary>
    public int BytesOf(object o, int cap)
    {
        Type type = o.GetType();
        long bytes;
        try
        {
            bytes = o switch
            {
                Array a => (type.IsSZArray ? 16 : 16 + (16L * a.Rank)) + ((long)a.Length * SizeOf(type.GetElementType()!)),
                _ when type.IsValueType => 8 + SizeOf(type),
                _ => 8 + FieldBytes(type),
            };
        }
        catch (ArgumentException)
        {
            bytes = UnsizedBytes;
        }

        return (int)Math.Min((bytes + 7) & ~7L, cap);
    }

    /// <summary>The bytes taken for an object whose type cannot be sized: two cache lines.</summary>
    public const int UnsizedBytes = 128;

    private int FieldBytes(Type type)
    {
        if (!_fieldBytes.TryGetValue(type, out int bytes))
        {
            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                bytes += t.GetFields(InstanceFields).Sum(f => SizeOf(f.FieldType));
            }

            _fieldBytes[type] = bytes;
        }

        return bytes;
    }

    private static int SizeOf(Type t) => t.IsValueType && !t.IsPointer && !t.IsFunctionPointer ? RuntimeHelpers.SizeOf(t.TypeHandle) : IntPtr.Size;

    private void Visit(object? o)
    {
        if (o is null or string or ISharedModel or EventDomain || ReferenceEquals(o, simulation) || !IsNodeState(o.GetType()))
        {
            return;
        }

        if (_seen.Add(o))
        {
            _pending.Enqueue(o);
        }
    }

    // Types of the roots' assemblies, arrays, and the types of the runtime's core library and collections library
    // (collections, delegates, boxes), whose contents are checked in turn. Reflection objects are the runtime's too,
    // but never state.
    private bool IsNodeState(Type type) =>
        type.IsArray
        || _assemblies.Contains(type.Assembly)
        || (type.Assembly == typeof(object).Assembly || type.Assembly == typeof(Stack<>).Assembly) && !typeof(MemberInfo).IsAssignableFrom(type);

    private void Expand(object o)
    {
        switch (o)
        {
            case Delegate d:
                Visit(d.Target); // a closure or the instance a method is bound to; the method itself is code
                return;
            case Array a:
                Type element = a.GetType().GetElementType()!;
                if ((IsReference(element) || HoldsReferences(element)) && (_visits += a.Length) <= MaxVisits)
                {
                    foreach (object? item in a)
                    {
                        VisitValue(item, element);
                    }
                }

                return;
            default:
                VisitFieldsOf(o);
                return;
        }
    }

    private void VisitValue(object? value, Type declared)
    {
        if (declared.IsValueType)
        {
            if (value is not null)
            {
                VisitFieldsOf(value); // a boxed copy of a struct: its references are the node's, the box is not
            }
        }
        else
        {
            Visit(value);
        }
    }

    private void VisitFieldsOf(object o)
    {
        foreach (FieldInfo f in FieldsOf(o.GetType()))
        {
            _visits++;
            VisitValue(f.GetValue(o), f.FieldType);
        }
    }

    // The fields that can hold references: reference-typed ones and structs that contain references.
    private FieldInfo[] FieldsOf(Type type)
    {
        if (!_fields.TryGetValue(type, out FieldInfo[]? fields))
        {
            var list = new List<FieldInfo>();
            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                list.AddRange(t.GetFields(InstanceFields).Where(f => IsReference(f.FieldType) || HoldsReferences(f.FieldType)));
            }

            fields = [.. list];
            _fields[type] = fields;
        }

        return fields;
    }

    private static bool IsReference(Type t) => !t.IsValueType && !t.IsPointer && !t.IsFunctionPointer && !t.IsByRef;

    private bool HoldsReferences(Type type)
    {
        if (!type.IsValueType || type.IsPrimitive || type.IsEnum)
        {
            return false;
        }

        if (!_holdsReferences.TryGetValue(type, out bool holds))
        {
            _holdsReferences[type] = false; // a struct cannot contain itself; this only stops the recursion
            holds = type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Any(f => IsReference(f.FieldType) || HoldsReferences(f.FieldType));
            _holdsReferences[type] = holds;
        }

        return holds;
    }
}
