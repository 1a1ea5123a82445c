using System.IO.MemoryMappedFiles;

namespace LowLatency.Fix.Session;

/// <summary>
/// The bytes behind a <see cref="SessionStore"/> file: the file mapped into memory, so saving a message is a copy
/// into the page cache (it survives the process being killed, as a write to the operating system would) and no
/// system call sits on the send path; or, for a store kept in memory, an array. Grows by doubling, which remaps.
/// </summary>
internal sealed unsafe class StoreRegion : IDisposable
{
    private readonly FileStream? _file;
    private MemoryMappedFile? _map;
    private MemoryMappedViewAccessor? _view;
    private byte* _pointer;
    private byte[] _array = [];

    private StoreRegion(FileStream? file, long capacity)
    {
        _file = file;
        Map(capacity);
    }

    public long Capacity { get; private set; }

    /// <summary>A file mapped from its start, at least <paramref name="minimum"/> bytes long (a longer file keeps its length).</summary>
    public static StoreRegion OpenFile(string path, long minimum)
    {
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        return new StoreRegion(file, Math.Max(minimum, file.Length));
    }

    public static StoreRegion InMemory(long capacity) => new(null, capacity);

    public Span<byte> Span(long offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"bytes {offset}+{length} outside the store's {Capacity}");
        }

        return _file is null ? _array.AsSpan((int)offset, length) : new Span<byte>(_pointer + offset, length);
    }

    /// <summary>Room for <paramref name="end"/> bytes from the start; doubles (and remaps) when short.</summary>
    public void EnsureCapacity(long end)
    {
        if (end > Capacity)
        {
            var capacity = Capacity;
            while (capacity < end)
            {
                capacity *= 2;
            }

            Map(capacity);
        }
    }

    /// <summary>Makes the bytes durable on the disk (msync and fsync); without it they are in the page cache only.</summary>
    public void Sync()
    {
        _view?.Flush();
        _file?.Flush(flushToDisk: true);
    }

    public void Dispose()
    {
        Unmap();
        _file?.Dispose();
    }

    private void Map(long capacity)
    {
        if (_file is null)
        {
            Array.Resize(ref _array, checked((int)capacity));
            Capacity = capacity;
            return;
        }

        Unmap();
        if (_file.Length < capacity)
        {
            _file.SetLength(capacity);
        }

        _map = MemoryMappedFile.CreateFromFile(_file, null, capacity, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
        _view = _map.CreateViewAccessor(0, capacity, MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _pointer = pointer + _view.PointerOffset;
        Capacity = capacity;
    }

    private void Unmap()
    {
        if (_view is not null)
        {
            _view.Flush();
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _map!.Dispose();
            _view = null;
            _map = null;
            _pointer = null;
        }
    }
}
