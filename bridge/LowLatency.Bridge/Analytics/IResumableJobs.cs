namespace LowLatency.Bridge.Analytics;

/// <summary>A kind of job that another bridge can run again from its request when the bridge running it stops (<see cref="JobBoard"/>).</summary>
public interface IResumableJobs
{
    /// <summary>The kind's name on the board.</summary>
    string Kind { get; }

    /// <summary>Runs the job again here, under its id, from the request its first bridge put on the board.</summary>
    /// <param name="attempt">How many bridges have run it before (the work queue's tasks are told apart by it).</param>
    void Resume(string id, string request, int attempt);
}
