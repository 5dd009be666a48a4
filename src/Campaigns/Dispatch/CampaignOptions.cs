using System.ComponentModel.DataAnnotations;

namespace Outreach.Campaigns.Dispatch;

/// <summary>Dispatch settings (configuration section "Campaigns").</summary>
public sealed class CampaignOptions
{
    public const string SectionName = "Campaigns";

    /// <summary>
    /// Targets per dispatch job. Every job costs Hangfire a handful of writes and locks in its storage; 2,000 keeps a
    /// street-sized campaign at tens of jobs (enough to keep the workers busy) instead of hundreds (docs/benchmarks.md).
    /// </summary>
    [Range(1, 100_000)]
    public int ChunkSize { get; set; } = 2_000;

    /// <summary>Targets decided, sent and written back together inside a chunk; status is checked between batches.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 250;

    /// <summary>Requests to Twilio in flight at once per chunk job.</summary>
    [Range(1, 1_000)]
    public int SendConcurrency { get; set; } = 32;

    /// <summary>Messages per second per sender number; 0 means no throttle.</summary>
    [Range(0, 100_000)]
    public double MessagesPerSecond { get; set; }

    /// <summary>Calls placed per second per sender number; 0 means no throttle.</summary>
    [Range(0, 10_000)]
    public double CallsPerSecond { get; set; }

    /// <summary>Calls in progress at once; 0 means no cap.</summary>
    [Range(0, 10_000)]
    public int MaxConcurrentCalls { get; set; }

    /// <summary>A call slot is given back after this long even if its final status callback never came.</summary>
    [Range(1, 240)]
    public int MaxCallMinutes { get; set; } = 15;

    /// <summary>
    /// An attempt decided this long ago without a SID is looked up at Twilio (its request may have died with a process).
    /// Dispatch sends a decision only within half of this (less the at most 5 s a request may wait for one of the
    /// process's Twilio request slots), and Twilio requests time out after 30 s: with several servers, keep it at 60 or
    /// more so no request is in flight when another server looks the decision up.
    /// </summary>
    [Range(1, 3_600)]
    public int UnknownAttemptSeconds { get; set; } = 60;

    /// <summary>An attempt without a final status this long after sending is fetched from Twilio.</summary>
    [Range(1, 1_440)]
    public int StuckAttemptMinutes { get; set; } = 30;

    /// <summary>
    /// An SMS that Twilio still reports as sent (the carrier took it, no delivery receipt) this long after sending ends
    /// as <c>NoReceipt</c>, so the campaign can complete.
    /// </summary>
    [Range(1, 720)]
    public int SmsReceiptHours { get; set; } = 48;

    /// <summary>
    /// Interim statuses (queued, sending, sent, initiated, ringing, in-progress) are answered at once and written after
    /// this long (at most half as long again), together, unless a final status of the same attempt replaces them first
    /// (an SMS's "delivered" usually follows its "sent" within a second). 0 writes each before answering, like final statuses.
    /// </summary>
    [Range(0, 60_000)]
    public int InterimStatusHoldMilliseconds { get; set; } = 1_000;

    /// <summary>How often a running campaign is swept for follow-ups, recoveries and completion.</summary>
    [Range(1, 3_600)]
    public int SweepSeconds { get; set; } = 10;

    /// <summary>
    /// Occurrences of a recurring campaign missed while no server ran are still started this many hours late;
    /// older ones are not sent retroactively.
    /// </summary>
    [Range(0, 168)]
    public int CatchUpHours { get; set; } = 12;

    /// <summary>How often the number of live servers, which the throttle's rates are split among, is read again.</summary>
    [Range(1, 3_600)]
    public int ServerCountSeconds { get; set; } = 15;

    /// <summary>A server whose last heartbeat is older than this is not counted as live.</summary>
    [Range(5, 3_600)]
    public int ServerHeartbeatSeconds { get; set; } = 90;

    /// <summary>Inbound messages bind to a campaign that ended at most this many days ago.</summary>
    [Range(0, 365)]
    public int RecentCampaignDays { get; set; } = 7;
}
