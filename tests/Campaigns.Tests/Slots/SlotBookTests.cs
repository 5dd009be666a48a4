using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Agent.Conversations;
using Outreach.Campaigns.Conversations;
using Outreach.Campaigns.Slots;
using Outreach.Campaigns.Targets;
using Outreach.Residents.Archive;
using Outreach.Campaigns.Storage;

namespace Outreach.Campaigns.Tests.Slots;

/// <summary>Appointment slots created through the API and booked concurrently, each booking on its own connection.</summary>
public sealed class SlotBookTests : IAsyncLifetime
{
    private CampaignTestHost host = null!;
    private int campaignId;

    public async Task InitializeAsync()
    {
        host = await CampaignTestHost.StartAsync(jobServer: false);
        var created = await host.Http.PostAsJsonAsync("/api/campaigns", new
        {
            name = "Checkup booking",
            notice = new
            {
                title = "老年人体检预约",
                body = "请选择体检时间。",
                slots = new[] { new { label = "周六上午", capacity = 10 }, new { label = "周六下午", capacity = 3 }, new { label = "周日上午", capacity = 5 } },
            },
            channel = "sms",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Fifty_residents_booking_a_slot_of_ten_at_once_get_ten_places_and_the_rest_the_next_free_slot()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(resident => Task.Run(() => BookAsync(resident, "周六上午"))));

        Assert.Equal(10, results.Count(r => r.Status == SlotBookingStatus.Booked));
        Assert.All(results.Where(r => r.Status != SlotBookingStatus.Booked), r => Assert.Equal(new SlotBookingResult(SlotBookingStatus.Full, "周六上午", "周六下午"), r));
        Assert.Equal(10, await BookedAsync("周六上午"));
        Assert.Equal(10, await host.QueryAsync(db => db.SlotBookings.CountAsync()));
    }

    [Fact]
    public async Task Concurrent_bookings_of_two_slots_never_overfill_either()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 40).Select(resident => Task.Run(() => BookAsync(resident, resident % 2 == 0 ? "周六下午" : "周日上午"))));

        Assert.Equal(3 + 5, results.Count(r => r.Holds));
        Assert.Equal((3, 5), (await BookedAsync("周六下午"), await BookedAsync("周日上午")));
        Assert.All(results.Where(r => r.Status == SlotBookingStatus.Full && r.Slot == "周日上午"), r => Assert.Equal("周六上午", r.NextFree));
    }

    [Fact]
    public async Task The_same_resident_booking_the_same_slot_twice_at_once_holds_one_place()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => BookAsync(7, "周六下午"))));

        Assert.Single(results, r => r.Status == SlotBookingStatus.Booked);
        Assert.All(results.Where(r => r.Status != SlotBookingStatus.Booked), r => Assert.Equal(SlotBookingStatus.AlreadyBooked, r.Status));
        Assert.Equal(1, await BookedAsync("周六下午"));
    }

    [Fact]
    public async Task Moving_a_booking_releases_the_old_slot_in_the_same_transaction()
    {
        await BookAsync(1, "周六下午");

        var moved = await BookAsync(1, "周日上午");

        Assert.Equal(SlotBookingStatus.Moved, moved.Status);
        Assert.Equal((0, 1), (await BookedAsync("周六下午"), await BookedAsync("周日上午")));
        Assert.Single(await host.QueryAsync(db => db.SlotBookings.Where(b => b.ResidentId == 1).ToListAsync()));
    }

    [Fact]
    public async Task A_move_into_a_full_slot_keeps_the_old_booking_and_offers_another()
    {
        for (var resident = 1; resident <= 3; resident++)
        {
            await BookAsync(resident, "周六下午");
        }

        await BookAsync(9, "周日上午");
        var refused = await BookAsync(9, "周六下午");

        Assert.Equal(new SlotBookingResult(SlotBookingStatus.Full, "周六下午", "周六上午"), refused);
        Assert.Equal((3, 1), (await BookedAsync("周六下午"), await BookedAsync("周日上午")));
    }

    [Fact]
    public async Task The_database_itself_refuses_a_slot_booked_beyond_capacity()
        => await Assert.ThrowsAnyAsync<Exception>(() => host.QueryAsync(db => db.Slots.Where(s => s.CampaignId == campaignId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Capacity + 1))));

    [Fact]
    public async Task A_booking_through_the_conversation_records_the_residents_answer_with_it()
    {
        await host.QueryAsync(db =>
        {
            db.Targets.Add(new CampaignTarget { CampaignId = campaignId, ResidentId = 5, Name = "王5", Phone = "+8613800000005", Language = "zh-CN", Segment = "general", DueAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        var binding = new ConversationBinding(5, 1, campaignId, ContactChannel.Sms, "SM5");

        var booked = await host.InScopeAsync(sp => ActivatorUtilities.CreateInstance<ConversationActions>(sp, binding).BookSlotAsync("周日上午", CancellationToken.None));

        Assert.Equal(SlotBookingStatus.Booked, booked.Status);
        var target = await host.QueryAsync(db => db.Targets.SingleAsync(t => t.CampaignId == campaignId && t.ResidentId == 5));
        Assert.Equal((TargetOutcome.OptionChosen, "周日上午", (DateTimeOffset?)null), (target.Outcome, target.ChosenOption, target.DueAt));
    }

    [Fact]
    public async Task An_option_that_is_no_slot_is_left_to_the_plain_answer()
        => Assert.Equal(SlotBookingStatus.NotASlot, (await BookAsync(1, "下周一")).Status);

    [Theory]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b","slots":[{"label":"a","capacity":0},{"label":"b","capacity":2}]}}""", "notice.slots[0].capacity")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b","slots":[{"label":"a","capacity":1},{"label":"a","capacity":2}]}}""", "notice.slots[1].label")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b","response":"ConfirmDecline","slots":[{"label":"a","capacity":1},{"label":"b","capacity":2}]}}""", "notice.slots")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b","translations":[{"language":"en","title":"t"}]}}""", "notice.translations[0]")]
    [InlineData("""{"name":"x","notice":{"title":"t","body":"b","translations":[{"language":"english!","title":"t","body":"b"}]}}""", "notice.translations[0].language")]
    public async Task Bad_slots_and_translations_are_a_400_that_names_the_field(string body, string field)
    {
        var response = await host.Http.PostAsync("/api/campaigns", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private Task<SlotBookingResult> BookAsync(int residentId, string slot)
        => host.InScopeAsync(sp => new SlotBook(sp.GetRequiredService<CampaignsDbContext>(), TimeProvider.System).BookAsync(campaignId, residentId, slot, CancellationToken.None));

    private Task<int> BookedAsync(string slot)
        => host.QueryAsync(db => db.Slots.Where(s => s.CampaignId == campaignId && s.Label == slot).Select(s => s.Booked).SingleAsync());
}
