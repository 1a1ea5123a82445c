using Microsoft.Win32.SafeHandles;

namespace LowLatency.Engine.Journal;

/// <summary>
/// Syncs the journal beside the trading thread, LMAX-style: the trading thread writes each batch to the OS and
/// asks for it to be synced up to its end; this thread fsyncs (at most once per interval with
/// <see cref="FsyncPolicy.Interval"/>) and reports how far the file is now on stable storage. Every byte written
/// before an fsync starts is covered by it, so the position asked before the call is the position synced after it.
/// </summary>
public sealed class JournalSyncer : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly Action<long> _synced;
    private readonly TimeSpan _minimumInterval;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Thread _thread;
    private long _requested;
    private long _done;
    private volatile bool _stopping;

    /// <param name="synced">Called on this thread with each position now on stable storage (in increasing order).</param>
    public JournalSyncer(SafeFileHandle file, Action<long> synced, TimeSpan minimumInterval, string name = "ll-journal-sync")
    {
        _file = file;
        _synced = synced;
        _minimumInterval = minimumInterval;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>How far the journal is on stable storage.</summary>
    public long SyncedPosition => Volatile.Read(ref _done);

    /// <summary>The last error of an fsync (null after one succeeded).</summary>
    public string? LastError { get; private set; }

    /// <summary>From the trading thread: everything written up to <paramref name="position"/> should be synced.</summary>
    public void Request(long position)
    {
        if (position > Volatile.Read(ref _requested))
        {
            Volatile.Write(ref _requested, position);
            _wake.Release();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Release();
        _thread.Join();
        _wake.Dispose();
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
                    target = Volatile.Read(ref _requested);
                }

                try
                {
                    RandomAccess.FlushToDisk(_file);
                    LastError = null;
                }
                catch (IOException e)
                {
                    LastError = e.Message; // reported, and the position is not advanced: nothing waiting on it is released
                    continue;
                }

                last = DateTime.UtcNow;
                Volatile.Write(ref _done, target);
                _synced(target);
            }

            if (_stopping && Volatile.Read(ref _requested) <= _done)
            {
                return;
            }
        }
    }
}
