namespace LowLatency.Disruptor;

/// <summary>Whether one thread or several publish into a ring.</summary>
public enum ProducerType
{
    /// <summary>Exactly one publishing thread: claims without atomic instructions.</summary>
    Single,

    /// <summary>Any number of publishing threads.</summary>
    Multi,
}
