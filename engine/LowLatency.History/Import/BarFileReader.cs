using System.Globalization;
using LowLatency.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.History.Import;

/// <summary>
/// Streams the bars of one file (<see cref="BarFileFormat"/>) of one timeframe, checking each row: finite
/// prices above zero with high and low around open and close, a volume not below zero, an open time on the
/// timeframe's bucket start and after the previous row's. A bad row throws <see cref="BarFileException"/>
/// with its line. Times: ISO 8601, or Unix seconds, milliseconds or microseconds told apart by size (Binance's
/// newer spot files switched to microseconds). Missing bars between rows are recorded in <see cref="Gaps"/>.
/// </summary>
public sealed class BarFileReader : IDisposable
{
    private const int BinanceColumns = 12;
    private static readonly string[] OhlcvNames = ["time", "open", "high", "low", "close", "volume"];

    private readonly StreamReader _reader;
    private readonly string _path;
    private readonly Timeframe _timeframe;
    private readonly long _length;
    private readonly List<BarGap> _gaps = [];
    private readonly int[] _columns = [0, 1, 2, 3, 4, 5];
    private readonly Range[] _cells = new Range[BinanceColumns + 2];
    private int _columnCount;
    private string? _pending;
    private long _previousMs = long.MinValue;

    public BarFileReader(string path, Timeframe timeframe, BarFileFormat format = BarFileFormat.Auto)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }

        (_path, _timeframe) = (path, timeframe);
        _reader = new StreamReader(path);
        _length = Math.Max(1, _reader.BaseStream.Length);
        Format = ReadHeader(format);
    }

    /// <summary>The format read (the detected one for <see cref="BarFileFormat.Auto"/>).</summary>
    public BarFileFormat Format { get; }

    /// <summary>The line of the last row read (1-based).</summary>
    public int Line { get; private set; }

    public double Progress => Math.Clamp((double)_reader.BaseStream.Position / _length, 0, 1);

    /// <summary>Bars missing between consecutive rows so far.</summary>
    public IReadOnlyList<BarGap> Gaps => _gaps;

    /// <summary>Reads the next bar; false at the end of the file.</summary>
    public bool TryRead(out OhlcvBar bar)
    {
        bar = default;
        string? line;
        do
        {
            line = _pending ?? _reader.ReadLine();
            _pending = null;
            if (line is null)
            {
                return false;
            }

            Line++;
        }
        while (line.Length == 0 || string.IsNullOrWhiteSpace(line));

        var span = line.AsSpan();
        var count = span.Split(_cells, ',');
        if (count != _columnCount)
        {
            throw Bad($"{count} fields, expected {_columnCount}");
        }

        var time = Time(span[_cells[_columns[0]]].Trim());
        bar.OpenTimeMs = time;
        bar.Open = Price(span[_cells[_columns[1]]], "open");
        bar.High = Price(span[_cells[_columns[2]]], "high");
        bar.Low = Price(span[_cells[_columns[3]]], "low");
        bar.Close = Price(span[_cells[_columns[4]]], "close");
        bar.Volume = Number(span[_cells[_columns[5]]], "volume");
        if (bar.High < Math.Max(bar.Open, bar.Close) || bar.Low > Math.Min(bar.Open, bar.Close))
        {
            throw Bad($"high {bar.High} and low {bar.Low} must bracket open {bar.Open} and close {bar.Close}");
        }

        if (Format == BarFileFormat.Binance && long.TryParse(span[_cells[8]].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var trades))
        {
            bar.Trades = (int)Math.Min(int.MaxValue, trades);
        }

        if (_timeframe.BucketStart(time) != time)
        {
            throw Bad($"open time {Iso(time)} is not the start of a {_timeframe.Name()} bar (is --timeframe right?)");
        }

        if (time <= _previousMs)
        {
            throw Bad($"open time {Iso(time)} is not after the previous row's {Iso(_previousMs)}");
        }

        if (_previousMs != long.MinValue)
        {
            var due = _timeframe.NextBucketStart(_previousMs);
            if (time > due)
            {
                _gaps.Add(new BarGap(_path, Line, _previousMs, time, MissingBetween(due, time)));
            }
        }

        _previousMs = time;
        return true;
    }

    public void Dispose() => _reader.Dispose();

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private long MissingBetween(long due, long next)
    {
        long missing = 0;
        for (var t = due; t < next && missing < 10_000_000; t = _timeframe.NextBucketStart(t))
        {
            missing++;
        }

        return missing;
    }

    private BarFileFormat ReadHeader(BarFileFormat format)
    {
        var first = _reader.ReadLine();
        while (first is not null && string.IsNullOrWhiteSpace(first))
        {
            Line++;
            first = _reader.ReadLine();
        }

        if (first is null)
        {
            throw new BarFileException(_path, 1, "the file is empty");
        }

        var names = first.Split(',').Select(n => n.Trim().ToLowerInvariant()).ToArray();
        var isHeader = names.Length > 0 && !names[0].All(c => char.IsAsciiDigit(c) || c is '-' or ':' or 'T' or 'Z' or '.' or '+' or 't' or 'z');
        var detected = format != BarFileFormat.Auto ? format
            : names.Length == BinanceColumns && (!isHeader || names[0] == "open_time") ? BarFileFormat.Binance
            : isHeader ? BarFileFormat.Ohlcv
            : throw new BarFileException(_path, 1, $"{names.Length} columns without a header: neither a Binance kline file (12 columns) nor a header CSV (time,open,high,low,close,volume); say --format");
        if (detected == BarFileFormat.Binance)
        {
            _columnCount = BinanceColumns;
            if (names.Length != BinanceColumns)
            {
                throw new BarFileException(_path, Line + 1, $"{names.Length} columns; a Binance kline file has 12 (open time, open, high, low, close, volume, close time, …)");
            }

            Line += isHeader ? 1 : 0;
            _pending = isHeader ? null : first;
            return detected;
        }

        if (!isHeader)
        {
            throw new BarFileException(_path, Line + 1, "no header; the first line must name time,open,high,low,close,volume (any order)");
        }

        Line++;
        var missing = OhlcvNames.Where(n => Array.IndexOf(names, n) < 0).ToList();
        if (missing.Count > 0)
        {
            throw new BarFileException(_path, Line, $"missing column(s) {string.Join(", ", missing)}; the header must name time,open,high,low,close,volume");
        }

        if (names.Length > _cells.Length - 1)
        {
            throw new BarFileException(_path, Line, $"{names.Length} columns; at most {_cells.Length - 1} are read");
        }

        for (var i = 0; i < OhlcvNames.Length; i++)
        {
            _columns[i] = Array.IndexOf(names, OhlcvNames[i]);
        }

        _columnCount = names.Length;
        return detected;
    }

    private long Time(ReadOnlySpan<char> text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            // Seconds until 5138 are below 1e11, milliseconds from 1973 on above it; microseconds from 1973 above 1e14.
            return number >= 100_000_000_000_000 ? number / 1000
                : number >= 100_000_000_000 ? number
                : Format == BarFileFormat.Binance ? throw Bad($"open time {text.ToString()} is too small for Unix milliseconds or microseconds")
                : number * 1000;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToUnixTimeMilliseconds()
            : throw Bad($"time '{text.ToString()}' is neither an ISO 8601 time nor a Unix timestamp");
    }

    private double Price(ReadOnlySpan<char> text, string column)
    {
        var value = Number(text, column);
        return value > 0 ? value : throw Bad($"{column} {text.Trim().ToString()} is not a price above zero");
    }

    private double Number(ReadOnlySpan<char> text, string column) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : throw Bad($"{column} '{text.Trim().ToString()}' is not a finite number ≥ 0");

    private BarFileException Bad(string why) => new(_path, Line, why);
}
