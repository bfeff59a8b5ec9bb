using SensorNet.Scenarios.Running;

namespace SensorNet.Scenarios.Results;

/// <summary>
/// A trace sink that writes its rows to a result file in row groups of a fixed size while the run goes on, so memory
/// stays bounded by two groups whatever the trace's length. A full group is written on a worker thread while the
/// simulation fills the other buffer; the simulation waits only when it fills a buffer before the previous group is
/// on disk. Group boundaries depend on row counts alone, so the file is the same for the same run; a trace that fits
/// in one group gives exactly the bytes of writing it all at once.
/// </summary>
/// <typeparam name="T">The row type.</typeparam>
internal sealed class StreamedTable<T> : ITraceSink<T>, IAsyncDisposable
{
    private readonly ResultTableWriter<T> _writer;
    private readonly CancellationToken _cancellationToken;
    private T[] _filling;
    private T[]? _writing;
    private int _count;
    private Task _pending = Task.CompletedTask;
    private bool _completed;

    private StreamedTable(ResultTableWriter<T> writer, int rowGroupRows, CancellationToken cancellationToken)
    {
        _writer = writer;
        _cancellationToken = cancellationToken;
        _filling = new T[rowGroupRows];
    }

    /// <summary>Rows taken so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Row groups started so far.</summary>
    public int RowGroups { get; private set; }

    /// <summary>Opens <paramref name="path"/> for <paramref name="table"/>'s rows.</summary>
    public static async Task<StreamedTable<T>> OpenAsync(ResultTable<T> table, string path, ResultsFormat format, int rowGroupRows, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowGroupRows, 1);
        return new StreamedTable<T>(await table.OpenAsync(path, format, cancellationToken).ConfigureAwait(false), rowGroupRows, cancellationToken);
    }

    /// <inheritdoc/>
    public void Add(in T row)
    {
        _filling[_count++] = row;
        Rows++;
        if (_count == _filling.Length)
        {
            Flush();
        }
    }

    /// <summary>Writes the last group (an empty one when the trace has no rows, as a one-shot write does) and closes the file.</summary>
    public async Task CompleteAsync()
    {
        if (_count > 0 || Rows == 0)
        {
            Flush();
        }

        await _pending.ConfigureAwait(false);
        _completed = true;
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the file; after a failure the file is incomplete and is discarded with its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            try
            {
                await _pending.ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
            {
                // The run is failing already; its first error is the one reported.
            }

            _completed = true;
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Flush()
    {
        // The previous group must be on disk before its buffer is reused; a write error surfaces here.
        _pending.GetAwaiter().GetResult();
        T[] full = _filling;
        var group = new ArraySegment<T>(full, 0, _count);
        _filling = _writing ?? new T[full.Length];
        _writing = full;
        _count = 0;
        RowGroups++;
        _pending = Task.Run(() => _writer.WriteAsync(group, _cancellationToken), _cancellationToken);
    }
}
