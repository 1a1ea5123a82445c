using System.Globalization;

namespace LowLatency.Engine.MarketData;

/// <summary>
/// Replays a CSV file of one instrument, either ticks (<c>timestamp,bid,ask,last,size</c>) or bars
/// (<c>timestamp,open,high,low,close,volume</c>), told apart by the header. Timestamps are Unix milliseconds
/// or ISO 8601 (UTC). A bar becomes four trades (<see cref="BarTicks"/>). Streams the file; a malformed line fails with its line number and why.
/// Rows outside [from, to) are skipped.
/// </summary>
public sealed class CsvTickSource : ITickSource
{
    private readonly StreamReader _reader;
    private readonly Instrument _instrument;
    private readonly string _path;
    private readonly bool _bars;
    private readonly long _fromMs;
    private readonly long _toMs;
    private readonly long _length;
    private readonly Tick[] _pending = new Tick[4];
    private int _pendingCount;
    private int _pendingNext;
    private int _line = 1;
    private long _previousTime = long.MinValue;
    private long _barDurationMs = 60_000; // until two rows show the real spacing
    private bool _barKnown;

    public CsvTickSource(string path, Instrument instrument, long fromMs = long.MinValue, long toMs = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        _path = path;
        _instrument = instrument;
        (_fromMs, _toMs) = (fromMs, toMs);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }

        _reader = new StreamReader(path);
        _length = Math.Max(1, _reader.BaseStream.Length);
        var header = (_reader.ReadLine() ?? "").Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        _bars = header switch
        {
            "timestamp,open,high,low,close,volume" or "time,open,high,low,close,volume" => true,
            "timestamp,bid,ask,last,size" or "time,bid,ask,last,size" => false,
            _ => throw new FormatException($"{path}:1: header '{header}' is neither 'timestamp,bid,ask,last,size' (ticks) nor 'timestamp,open,high,low,close,volume' (bars)"),
        };
        Description = $"{Path.GetFileName(path)} ({(_bars ? "bars" : "ticks")})";
    }

    public string Description { get; }

    public string Source => PriceSources.Csv;

    public double Progress => Math.Clamp((double)_reader.BaseStream.Position / _length, 0, 1);

    public bool TryNext(ref Tick tick)
    {
        while (_pendingNext >= _pendingCount)
        {
            if (!ReadRow())
            {
                return false;
            }
        }

        tick = _pending[_pendingNext++];
        return true;
    }

    public void Dispose() => _reader.Dispose();

    private bool ReadRow()
    {
        _pendingCount = _pendingNext = 0;
        string? line;
        do
        {
            line = _reader.ReadLine();
            _line++;
            if (line is null)
            {
                return false;
            }
        }
        while (string.IsNullOrWhiteSpace(line));

        var fields = line.Split(',');
        if ((_bars && fields.Length != 6) || (!_bars && fields.Length != 5))
        {
            throw Bad($"{fields.Length} fields, expected {(_bars ? 6 : 5)}");
        }

        var time = ParseTime(fields[0]);
        if (time <= _previousTime)
        {
            throw Bad($"timestamp {fields[0]} is not after the previous row's");
        }

        if (_previousTime != long.MinValue && _bars)
        {
            _barDurationMs = _barKnown ? Math.Min(_barDurationMs, time - _previousTime) : time - _previousTime;
            _barKnown = true;
        }

        _previousTime = time;
        if (time < _fromMs || time >= _toMs)
        {
            return true;
        }

        if (_bars)
        {
            var (open, high, low, close) = (Price(fields[1], "open"), Price(fields[2], "high"), Price(fields[3], "low"), Price(fields[4], "close"));
            var volume = Number(fields[5], "volume");
            if (high < Math.Max(open, close) || low > Math.Min(open, close))
            {
                throw Bad("high/low do not contain open and close");
            }

            _pendingCount = BarTicks.Expand(_instrument, time, _barDurationMs, open, high, low, close, volume, _pending);
        }
        else
        {
            var (bid, ask, last) = (Price(fields[1], "bid"), Price(fields[2], "ask"), Price(fields[3], "last"));
            if (bid > ask)
            {
                throw Bad("bid above ask");
            }

            var size = Number(fields[4], "size");
            _pending[0] = new Tick { InstrumentId = _instrument.Id, TimestampMs = time, BidTicks = bid, AskTicks = ask, LastTicks = last, SizeLots = Math.Max(1, (long)(size / (double)_instrument.LotSize)) };
            _pendingCount = 1;
        }

        return true;
    }

    private long ParseTime(string text)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0)
        {
            return ms;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed.ToUnixTimeMilliseconds();
        }

        throw Bad($"'{text}' is neither Unix milliseconds nor an ISO 8601 time");
    }

    private long Price(string text, string field)
    {
        var value = Number(text, field);
        return _instrument.TryRoundToTicks(value, out var ticks) && ticks > 0 ? ticks : throw Bad($"{field} {text} is not a positive price");
    }

    private double Number(string text, string field) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : throw Bad($"{field} '{text}' is not a number ≥ 0");

    private FormatException Bad(string why) => new($"{_path}:{_line}: {why}");
}
