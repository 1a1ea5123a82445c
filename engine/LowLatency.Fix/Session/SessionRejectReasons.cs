namespace LowLatency.Fix.Session;

/// <summary>The SessionRejectReason (373) values this session sends, as FIX 4.2/4.4 number them.</summary>
public static class SessionRejectReasons
{
    /// <summary>A tag's value is wrong for it (a SequenceReset's NewSeqNo that does not move forward).</summary>
    public const int IncorrectValueForTag = 5;

    public const int CompIdProblem = 9;

    public const int SendingTimeAccuracyProblem = 10;
}
