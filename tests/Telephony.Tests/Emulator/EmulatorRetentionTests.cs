using System.Net.Http.Json;
using System.Text.Json;
using Outreach.Telephony.Emulator;
using Outreach.Telephony.Messaging;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Testing;

namespace Outreach.Telephony.Tests.Emulator;

public sealed class EmulatorRetentionTests
{
    private const string Resident = "+8613800000001";
    private const string Neighbour = "+8613800000002";

    [Fact]
    public async Task What_ended_before_the_window_is_forgotten_and_what_has_not_ended_is_kept_however_old()
    {
        await using var host = await TelephonyTestHost.StartAsync(new Dictionary<string, string?> { ["Emulator:Retention"] = "00:00:00" });
        var store = host.Get<EmulatorStore>();
        var cutoff = DateTimeOffset.UtcNow;
        var old = cutoff.AddHours(-1);
        store.Add(Message("SM-delivered", Resident, "delivered", old), Resident);
        store.Add(Message("SM-no-receipt-yet", Resident, "sent", old), Resident);
        store.Add(Message("SM-recent", Resident, "delivered", cutoff.AddSeconds(1)), Resident);
        store.Add(Message("SM-undelivered", Neighbour, "undelivered", old), Neighbour);
        using var ended = Call("CA-ended", Resident, old);
        ended.SetStatus("completed", old);
        using var talking = Call("CA-talking", Resident, old);
        talking.SetStatus("in-progress", old);
        store.Add(ended, Resident);
        store.Add(talking, Resident);

        var forgotten = store.Forget(cutoff);

        Assert.Equal(3, forgotten);
        Assert.Equal(["SM-no-receipt-yet", "SM-recent"], store.MessagesOf(Resident).Select(m => m.Sid));
        Assert.Equal(["CA-talking"], store.CallsOf(Resident).Select(c => c.Sid));
        Assert.Null(store.Message("SM-delivered"));
        Assert.Null(store.Call("CA-ended"));
        Assert.Empty(store.MessagesOf(Neighbour));
        Assert.Equal([Resident], store.Phones);

        // A number whose list emptied is listed again by its next message.
        store.Add(Message("SM-next", Neighbour, "queued", cutoff), Neighbour);
        Assert.Equal(["SM-next"], store.MessagesOf(Neighbour).Select(m => m.Sid));
        Assert.Equal([Resident, Neighbour], store.Phones);
    }

    [Fact]
    public async Task A_delivered_message_is_forgotten_after_the_retention_window_and_one_still_queued_is_not()
    {
        await using var host = await TelephonyTestHost.StartAsync(new Dictionary<string, string?> { ["Emulator:Retention"] = "00:00:01" });
        host.Get<EmulatorStore>().SetBehaviour(Neighbour, new PhoneBehaviour { Latency = TimeSpan.FromMinutes(5) });
        var sender = host.Get<ISmsSender>();
        var delivered = await sender.SendAsync(new OutboundSms(Resident, "Checkup on Friday"), CancellationToken.None);
        var queued = await sender.SendAsync(new OutboundSms(Neighbour, "Checkup on Friday"), CancellationToken.None);

        await Eventually.UntilAsync(
            () => sender.FetchStatusAsync(delivered.MessageSid!, CancellationToken.None), status => status is null, what: "the delivered message forgotten");

        Assert.Equal("queued", await sender.FetchStatusAsync(queued.MessageSid!, CancellationToken.None));
        using var client = host.Client();
        Assert.Empty((await client.GetFromJsonAsync<List<JsonElement>>($"/emulator/phones/{Resident}/messages"))!);
        Assert.Single((await client.GetFromJsonAsync<List<JsonElement>>($"/emulator/phones/{Neighbour}/messages"))!);
    }

    private static EmulatedMessage Message(string sid, string to, string status, DateTimeOffset updated) =>
        new(sid, "AC00000000000000000000000000000000", "+8610000000000", to, "Checkup on Friday", "outbound-api", status, 1, null, updated, updated);

    private static EmulatedCall Call(string sid, string to, DateTimeOffset created) => new()
    {
        Sid = sid,
        AccountSid = "AC00000000000000000000000000000000",
        From = "+8610000000000",
        To = to,
        Direction = "outbound-api",
        DateCreated = created,
    };
}
