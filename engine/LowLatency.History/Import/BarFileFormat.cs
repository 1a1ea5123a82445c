namespace LowLatency.History.Import;

/// <summary>The bar files <c>./run.sh import</c> reads.</summary>
public enum BarFileFormat
{
    /// <summary>Told apart by the first line: a header naming <c>time,open,…</c> is <see cref="Ohlcv"/>, twelve columns are <see cref="Binance"/>.</summary>
    Auto,

    /// <summary>Binance's public kline files: twelve columns, open time in milliseconds (microseconds in newer spot files), with or without a header.</summary>
    Binance,

    /// <summary>A header CSV naming <c>time,open,high,low,close,volume</c> in any order (the input of <c>./run.sh indicators</c>).</summary>
    Ohlcv,
}
