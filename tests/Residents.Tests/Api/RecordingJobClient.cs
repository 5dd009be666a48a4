using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Outreach.Residents.Tests.Api;

/// <summary>Stands in for Hangfire in API tests: records what was enqueued.</summary>
internal sealed class RecordingJobClient : IBackgroundJobClient
{
    public List<Job> Enqueued { get; } = [];

    /// <summary>Every job created, with the state it was created in (enqueued, scheduled).</summary>
    public List<(Job Job, IState State)> Created { get; } = [];

    public string Create(Job job, IState state)
    {
        Enqueued.Add(job);
        Created.Add((job, state));
        return Enqueued.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
