using System.Linq.Expressions;
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
/// <para>Used only to prefetch (<see cref="StatePrefetch"/>): what it finds never changes what the simulation computes, so a
/// walk that misses an object costs time, not correctness. Its work is bounded (<see cref="MaxObjects"/>,
/// <see cref="MaxVisits"/>): past either bound it gives up, since it has then leaked into shared state.</para>
/// <para>One instance per <see cref="Simulation"/>. It learns each type once (<see cref="Shape"/>): whether it is node
/// state, its size, and a reader compiled from an expression tree that collects the references its fields hold
/// (through struct fields, or over the elements of an array of structs). Reading fields through reflection boxed every
/// struct and cost about 250 ns an object, which at 100,000 LoRa nodes (about 27 million objects a walk) made each
/// round of walks several seconds. Walking another node of a kind allocates only the result.</para>
/// </remarks>
internal sealed class StateWalker(Simulation simulation)
{
    /// <summary>More objects than a node's state has (a LoRa node: about 270); reached, the walk has leaked into shared state.</summary>
    public const int MaxObjects = 4096;

    /// <summary>More fields and array elements than a node's state has: a bound on the work of a walk that leaked.</summary>
    public const int MaxVisits = 65_536;

    /// <summary>The bytes taken for an object whose type cannot be sized: two cache lines.</summary>
    public const int UnsizedBytes = 128;

    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static readonly MethodInfo AddToList = typeof(List<object?>).GetMethod(nameof(List<object?>.Add))!;

    private readonly Dictionary<Type, Shape> _shapes = [];
    private readonly Dictionary<Type, bool> _holdsReferences = [];
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<(object Object, Shape Shape)> _pending = new();
    private readonly List<object> _found = [];
    private readonly List<object?> _references = [];
    private readonly HashSet<Assembly> _assemblies = [];
    private readonly HashSet<Assembly> _rootAssemblies = [];
    private int _assembliesVersion;
    private int _visits;

    /// <summary>
    /// The objects reachable from <paramref name="roots"/>, roots first, then those of <paramref name="takenAsTheyAre"/>
    /// that are not null and were not reached (not walked from); null if there are more than <see cref="MaxObjects"/>
    /// or the walk takes more than <see cref="MaxVisits"/> steps.
    /// </summary>
    public object[]? Walk(object[] roots, ReadOnlySpan<object?> takenAsTheyAre = default)
    {
        try
        {
            UseAssembliesOf(roots);
            foreach (object root in roots)
            {
                Visit(root);
            }

            while (_pending.TryDequeue(out (object Object, Shape Shape) next))
            {
                if (_found.Count == MaxObjects || _visits > MaxVisits)
                {
                    return null;
                }

                _found.Add(next.Object);
                Expand(next.Object, next.Shape);
            }

            if (_visits > MaxVisits)
            {
                return null;
            }

            foreach (object? o in takenAsTheyAre)
            {
                if (o is not null && _seen.Add(o))
                {
                    _found.Add(o);
                }
            }

            return [.. _found];
        }
        finally
        {
            _seen.Clear();
            _pending.Clear();
            _found.Clear();
            _references.Clear();
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
        Shape shape = ShapeOf(o.GetType());
        long bytes = !shape.Sized ? UnsizedBytes
            : o is Array a ? shape.FixedBytes + ((long)a.Length * shape.ElementBytes)
            : shape.FixedBytes;
        return (int)Math.Min((bytes + 7) & ~7L, cap);
    }

    // The roots' assemblies decide which types are node state; a walk from roots of other assemblies than the last one
    // decides every type again.
    private void UseAssembliesOf(object[] roots)
    {
        _rootAssemblies.Clear();
        foreach (object root in roots)
        {
            _rootAssemblies.Add(root.GetType().Assembly);
        }

        if (!_rootAssemblies.SetEquals(_assemblies))
        {
            _assemblies.Clear();
            _assemblies.UnionWith(_rootAssemblies);
            _assembliesVersion++;
        }
    }

    private void Visit(object? o)
    {
        if (o is null || ReferenceEquals(o, simulation))
        {
            return;
        }

        Shape shape = ShapeOf(o.GetType());
        if (IsNodeState(shape) && _seen.Add(o))
        {
            _pending.Enqueue((o, shape));
        }
    }

    private bool IsNodeState(Shape shape)
    {
        if (shape.AssembliesVersion != _assembliesVersion)
        {
            Type type = shape.Type;
            shape.IsNodeState = !shape.NeverState
                && (type.IsArray
                    || _assemblies.Contains(type.Assembly)
                    || (type.Assembly == typeof(object).Assembly || type.Assembly == typeof(Stack<>).Assembly) && !typeof(MemberInfo).IsAssignableFrom(type));
            shape.AssembliesVersion = _assembliesVersion;
        }

        return shape.IsNodeState;
    }

    private void Expand(object o, Shape shape)
    {
        switch (o)
        {
            case Delegate d:
                Visit(d.Target); // a closure or the instance a method is bound to; the method itself is code
                return;
            case Array a:
                if (!shape.ElementIsReference && !shape.ElementHoldsReferences)
                {
                    return; // elements without references
                }

                if ((_visits += a.Length) > MaxVisits)
                {
                    return;
                }

                if (a is object?[] references)
                {
                    foreach (object? item in references)
                    {
                        Visit(item);
                    }
                }
                else if (shape.Collect is { } collectElements)
                {
                    VisitAll(collectElements, a);
                }
                else
                {
                    // A multi-dimensional array: its elements one by one (boxed when they are structs).
                    Action<object, List<object?>>? collectBoxed = shape.ElementIsReference ? null : ShapeOf(shape.Type.GetElementType()!).Collect;
                    foreach (object? item in a)
                    {
                        if (collectBoxed is null)
                        {
                            Visit(item);
                        }
                        else if (item is not null)
                        {
                            VisitAll(collectBoxed, item);
                        }
                    }
                }

                return;
            default:
                _visits += shape.FieldVisits;
                if (shape.Collect is { } collect)
                {
                    VisitAll(collect, o);
                }

                return;
        }
    }

    private void VisitAll(Action<object, List<object?>> collect, object o)
    {
        _references.Clear();
        collect(o, _references);
        foreach (object? reference in _references)
        {
            Visit(reference);
        }
    }

    private Shape ShapeOf(Type type)
    {
        if (!_shapes.TryGetValue(type, out Shape? shape))
        {
            shape = Learn(type);
            _shapes[type] = shape;
        }

        return shape;
    }

    // A type that cannot be sized is prefetched as UnsizedBytes; one whose fields cannot be read throws, and the walk
    // counts as leaked (StatePrefetch).
    private Shape Learn(Type type)
    {
        var shape = new Shape(type)
        {
            NeverState = type == typeof(string) || typeof(ISharedModel).IsAssignableFrom(type) || typeof(EventDomain).IsAssignableFrom(type),
        };
        try
        {
            shape.FixedBytes = type.IsArray ? (type.IsSZArray ? 16 : 16 + (16 * type.GetArrayRank()))
                : 8 + (type.IsValueType ? SizeOf(type) : FieldBytes(type));
            shape.ElementBytes = type.IsArray ? SizeOf(type.GetElementType()!) : 0;
        }
        catch (ArgumentException)
        {
            shape.Sized = false;
        }

        if (type.IsArray)
        {
            Type element = type.GetElementType()!;
            shape.ElementIsReference = IsReference(element);
            shape.ElementHoldsReferences = HoldsReferences(element);
            if (type.IsSZArray && shape.ElementHoldsReferences)
            {
                shape.Collect = CompileElementReader(type, element);
            }
        }
        else if (!typeof(Delegate).IsAssignableFrom(type))
        {
            shape.FieldVisits = CountFieldVisits(type);
            shape.Collect = shape.FieldVisits == 0 ? null : CompileFieldReader(type);
        }

        return shape;
    }

    private static int FieldBytes(Type type)
    {
        int bytes = 0;
        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            bytes += t.GetFields(InstanceFields).Sum(f => SizeOf(f.FieldType));
        }

        return bytes;
    }

    private static int SizeOf(Type t) => t.IsValueType && !t.IsPointer && !t.IsFunctionPointer ? RuntimeHelpers.SizeOf(t.TypeHandle) : IntPtr.Size;

    // The fields that can hold references, of the type and its base types: reference-typed ones and structs that
    // contain references.
    private IEnumerable<FieldInfo> ReferenceFieldsOf(Type type)
    {
        for (Type? t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (FieldInfo f in t.GetFields(InstanceFields))
            {
                if (IsReference(f.FieldType) || HoldsReferences(f.FieldType))
                {
                    yield return f;
                }
            }
        }
    }

    // Fields looked at when an object of the type is expanded: each field that can hold references, and within a struct
    // field its own such fields (the work bound of MaxVisits).
    private int CountFieldVisits(Type type) =>
        ReferenceFieldsOf(type).Sum(f => 1 + (IsReference(f.FieldType) ? 0 : CountFieldVisits(f.FieldType)));

    // (object o, List<object?> sink) => { var t = (T)o; sink.Add(t.a); sink.Add(t.s.b); … } for a class or a boxed struct.
    private Action<object, List<object?>> CompileFieldReader(Type type)
    {
        ParameterExpression o = Expression.Parameter(typeof(object), "o");
        ParameterExpression sink = Expression.Parameter(typeof(List<object?>), "sink");
        ParameterExpression typed = Expression.Variable(type, "t");
        var body = new List<Expression> { Expression.Assign(typed, Expression.Convert(o, type)) };
        AddReferencesOf(typed, type, sink, body);
        return Expression.Lambda<Action<object, List<object?>>>(Expression.Block([typed], body), o, sink).Compile();
    }

    // (object o, List<object?> sink) => { var a = (T[])o; for (int i = 0; i < a.Length; i++) { var e = a[i]; sink.Add(e.a); … } }
    private Action<object, List<object?>> CompileElementReader(Type arrayType, Type element)
    {
        ParameterExpression o = Expression.Parameter(typeof(object), "o");
        ParameterExpression sink = Expression.Parameter(typeof(List<object?>), "sink");
        ParameterExpression array = Expression.Variable(arrayType, "a");
        ParameterExpression i = Expression.Variable(typeof(int), "i");
        ParameterExpression e = Expression.Variable(element, "e");
        LabelTarget end = Expression.Label("end");
        var perElement = new List<Expression> { Expression.Assign(e, Expression.ArrayIndex(array, i)) };
        AddReferencesOf(e, element, sink, perElement);
        perElement.Add(Expression.PreIncrementAssign(i));
        Expression body = Expression.Block(
            [array, i, e],
            Expression.Assign(array, Expression.Convert(o, arrayType)),
            Expression.Assign(i, Expression.Constant(0)),
            Expression.Loop(
                Expression.IfThenElse(
                    Expression.LessThan(i, Expression.ArrayLength(array)),
                    Expression.Block(perElement),
                    Expression.Break(end)),
                end));
        return Expression.Lambda<Action<object, List<object?>>>(body, o, sink).Compile();
    }

    private void AddReferencesOf(Expression value, Type type, ParameterExpression sink, List<Expression> body)
    {
        foreach (FieldInfo f in ReferenceFieldsOf(type))
        {
            Expression field = Expression.Field(value, f);
            if (IsReference(f.FieldType))
            {
                body.Add(Expression.Call(sink, AddToList, Expression.Convert(field, typeof(object))));
            }
            else
            {
                AddReferencesOf(field, f.FieldType, sink, body);
            }
        }
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
            holds = ReferenceFieldsOf(type).Any();
            _holdsReferences[type] = holds;
        }

        return holds;
    }

    /// <summary>What the walker knows of a type.</summary>
    private sealed class Shape(Type type)
    {
        public Type Type { get; } = type;

        /// <summary>Strings, shared models and event domains: never a node's state, whatever their assembly.</summary>
        public bool NeverState { get; init; }

        /// <summary>Whether objects of the type are node state, as decided for the walker's assemblies of that version.</summary>
        public bool IsNodeState { get; set; }

        public int AssembliesVersion { get; set; } = -1;

        /// <summary>Reads the references of an object's fields, or of the elements of an array of structs; null if it holds none.</summary>
        public Action<object, List<object?>>? Collect { get; set; }

        /// <summary>Fields an expansion looks at (the work bound).</summary>
        public int FieldVisits { get; set; }

        /// <summary>An array's elements are references.</summary>
        public bool ElementIsReference { get; set; }

        /// <summary>An array's elements are structs that hold references.</summary>
        public bool ElementHoldsReferences { get; set; }

        /// <summary>Bytes of an object of the type, or of an array's header.</summary>
        public int FixedBytes { get; set; }

        /// <summary>Bytes per element of an array (0 for other types).</summary>
        public int ElementBytes { get; set; }

        /// <summary>False if the type cannot be sized (its objects count as <see cref="UnsizedBytes"/>).</summary>
        public bool Sized { get; set; } = true;
    }
}
