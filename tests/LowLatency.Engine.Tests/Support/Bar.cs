namespace LowLatency.Engine.Tests.Support;

internal readonly record struct Bar(double Open, double High, double Low, double Close, double Volume);
