using Microsoft.Win32.SafeHandles;

namespace LowLatency.Engine.Journal;

/// <summary>
/// Syncs the journal beside the trading thread, LMAX-style: the trading thread writes each batch to the OS and
/// asks for it to be synced up to its end; this thread fsyncs (at most once per interval with
/// <see cref="FsyncPolicy.Interval"/>) and reports how far the journal is now on stable storage. Every byte written
/// before an fsync starts is covered by it, so the position asked before the call is the position synced after it.
/// A segment the writer has moved on from (<see cref="Retire"/>) is synced, with the directory that names its
/// successor, before anything past it is reported, then closed here: the trading thread never waits on it.
/// </summary>
public sealed class JournalSyncer : IDisposable
{
    private readonly Action<long> _synced;
    private readonly TimeSpan _minimumInterval;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private readonly List<JournalWriter> _retired = [];
    private readonly string? _directory;
    private SafeFileHandle _file;
    private long _requested;
    private long _requestedSequence;
    private long _done;
    private long _doneSequence;
    private volatile bool _stopping;

    /// <param name="synced">Called on this thread with each position now on stable storage (in increasing order).</param>
    /// <param name="directory">The directory of the segments, synced after a rotation (null: no rotation).</param>
    /// <param name="position">Where the journal stands now: what a restart recovered counts as the journal, and a batch with no records waits on nothing.</param>
    /// <param name="sequence">The last record's sequence at <paramref name="position"/>.</param>
    public JournalSyncer(SafeFileHandle file, Action<long> synced, TimeSpan minimumInterval, string name = "ll-journal-sync", string? directory = null, long position = 0, long sequence = 0)
    {
        _file = file;
        (_requested, _done) = (position, position);
        (_requestedSequence, _doneSequence) = (sequence, sequence);
        _synced = synced;
        _minimumInterval = minimumInterval;
        _directory = directory;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>How far the journal is on stable storage.</summary>
    public long SyncedPosition => Volatile.Read(ref _done);

    /// <summary>The sequence of the last record on stable storage (what the event stream may publish).</summary>
    public long SyncedSequence => Volatile.Read(ref _doneSequence);

    /// <summary>The last error of an fsync (null after one succeeded).</summary>
    public string? LastError { get; private set; }

    /// <summary>From the trading thread: everything written up to <paramref name="position"/>, record <paramref name="sequence"/>, should be synced.</summary>
    public void Request(long position, long sequence = 0)
    {
        if (position > Volatile.Read(ref _requested))
        {
            Volatile.Write(ref _requestedSequence, sequence); // before the position: whoever reads the position sees a sequence at least this far
            Volatile.Write(ref _requested, position);
            _wake.Release();
        }
    }

    /// <summary>From the trading thread, after a rotation: <paramref name="segment"/> is written to the OS and done with; <paramref name="next"/> is written from now on.</summary>
    public void Retire(JournalWriter segment, SafeFileHandle next)
    {
        ArgumentNullException.ThrowIfNull(segment);
        lock (_gate)
        {
            _retired.Add(segment);
            _file = next;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Release();
        _thread.Join();
        _wake.Dispose();
        foreach (var segment in _retired)
        {
            segment.Dispose(); // syncs what no request covered
        }
    }

    private void Run()
    {
        var last = DateTime.UtcNow - _minimumInterval;
        while (true)
        {
            _wake.Wait();
            var target = Volatile.Read(ref _requested);
            if (target > _done)
            {
                var wait = last + _minimumInterval - DateTime.UtcNow;
                if (wait > TimeSpan.Zero && !_stopping)
                {
                    Thread.Sleep(wait); // the interval policy: one fsync covers what arrives meanwhile
                }

                // The sequence first: the records up to it were written before it was asked for, so this fsync covers them.
                var targetSequence = Volatile.Read(ref _requestedSequence);
                target = Volatile.Read(ref _requested);

                // Read after the target: a segment the target reaches into is retired by now or is the current file.
                JournalWriter[] retired;
                SafeFileHandle file;
                lock (_gate)
                {
                    (retired, file) = ([.. _retired], _file);
                }

                try
                {
                    Sync(retired, file);
                    LastError = null;
                }
                catch (IOException e)
                {
                    LastError = e.Message; // reported, and the position is not advanced: nothing waiting on it is released
                    continue;
                }

                last = DateTime.UtcNow;
                Volatile.Write(ref _doneSequence, Math.Max(_doneSequence, targetSequence));
                Volatile.Write(ref _done, target);
                _synced(target);
            }

            if (_stopping && Volatile.Read(ref _requested) <= _done)
            {
                return;
            }
        }
    }

    private void Sync(JournalWriter[] retired, SafeFileHandle file)
    {
        foreach (var segment in retired)
        {
            RandomAccess.FlushToDisk(segment.Handle);
        }

        if (retired.Length > 0 && _directory is not null)
        {
            DirectorySync.Flush(_directory);
        }

        RandomAccess.FlushToDisk(file);
        if (retired.Length > 0)
        {
            lock (_gate)
            {
                _retired.RemoveAll(retired.Contains);
            }

            foreach (var segment in retired)
            {
                segment.Dispose();
            }
        }
    }
}
