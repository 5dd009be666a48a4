using Outreach.Telephony.Rest;

namespace Outreach.Telephony.Tests.Rest;

public sealed class TwilioApiRedirectHandlerTests
{
    private static readonly Uri Requested = new("https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json?To=%2B8613800000001");

    [Fact]
    public void Built_in_emulator_is_under_the_public_base_url()
    {
        var options = new TwilioOptions { PublicBaseUrl = "http://localhost:5080/" };

        var rewritten = TwilioApiRedirectHandler.Rewrite(Requested, TwilioApiRedirectHandler.ApiBaseOf(options));

        Assert.Equal("http://localhost:5080/emulator/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json?To=%2B8613800000001", rewritten.AbsoluteUri);
    }

    [Fact]
    public void Configured_api_base_url_keeps_path_and_query()
    {
        var options = new TwilioOptions { ApiBaseUrl = "https://twilio-compatible.example.com/base" };

        var rewritten = TwilioApiRedirectHandler.Rewrite(Requested, TwilioApiRedirectHandler.ApiBaseOf(options));

        Assert.Equal("https://twilio-compatible.example.com/base/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json?To=%2B8613800000001", rewritten.AbsoluteUri);
    }
}
