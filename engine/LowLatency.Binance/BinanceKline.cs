namespace LowLatency.Binance;

/// <summary>One kline (bar) as Binance gives it: open and close times in milliseconds, exact prices and base volume; <see cref="Closed"/> once its interval ended.</summary>
public readonly record struct BinanceKline(long OpenTimeMs, long CloseTimeMs, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, bool Closed);
