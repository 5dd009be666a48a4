using Outreach.Agent;
using Outreach.Campaigns;
using Outreach.Residents;
using Outreach.Server;
using Outreach.Server.StaffConsole;
using Outreach.Telephony;

var builder = WebApplication.CreateBuilder(args);

builder.AddServerHost();
builder.AddTelephony();
builder.AddResidents();
builder.AddAgent();
builder.AddCampaigns();
builder.AddStaffConsole();

var app = builder.Build();

app.UseServerHost();
app.MapTelephony();
app.MapResidentsApi();
app.MapAgentApi();
app.MapCampaignsApi();
app.MapStaffConsole();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
