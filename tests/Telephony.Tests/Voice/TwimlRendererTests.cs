using System.Xml.Linq;
using Outreach.Telephony.Tests.Hosting;
using Outreach.Telephony.Voice;
using Outreach.Telephony.Webhooks;

namespace Outreach.Telephony.Tests.Voice;

public sealed class TwimlRendererTests
{
    private readonly TwimlRenderer renderer;

    public TwimlRendererTests()
    {
        var options = new FixedOptionsMonitor(new TwilioOptions { PublicBaseUrl = "https://outreach.example.com" });
        renderer = new TwimlRenderer(options, new TwilioWebhookUrls(options));
    }

    [Fact]
    public void Gather_turn_says_listens_reprompts_and_says_goodbye()
    {
        var twiml = XElement.Parse(renderer.Render(new VoiceTurn("请按1确认", "zh-CN", VoiceNext.Gather, Reprompt: "请再说一次", Goodbye: "再见"), "delivery 7"));

        var gathers = twiml.Elements("Gather").ToList();
        Assert.Equal(2, gathers.Count);
        Assert.Equal("speech dtmf", gathers[0].Attribute("input")?.Value);
        Assert.Equal("zh-CN", gathers[0].Attribute("language")?.Value);
        Assert.Equal("https://outreach.example.com/twilio/voice/gather?ref=delivery%207", gathers[0].Attribute("action")?.Value);
        Assert.Equal("false", gathers[0].Attribute("actionOnEmptyResult")?.Value);
        Assert.NotNull(gathers[0].Attribute("timeout"));
        var say = gathers[0].Element("Say")!;
        Assert.Equal("请按1确认", say.Value);
        Assert.Equal("Polly.Zhiyu", say.Attribute("voice")?.Value);
        Assert.Equal("请再说一次", gathers[1].Element("Say")!.Value);
        Assert.Equal("再见", twiml.Element("Say")!.Value);
        Assert.Equal("Hangup", twiml.Elements().Last().Name.LocalName);
    }

    [Fact]
    public void English_turn_uses_a_region_qualified_language_and_the_english_voice()
    {
        var twiml = XElement.Parse(renderer.Render(new VoiceTurn("Press 1 to confirm", "en", VoiceNext.Gather), null));

        var say = twiml.Element("Gather")!.Element("Say")!;
        Assert.Equal("en-US", say.Attribute("language")?.Value);
        Assert.Equal("Polly.Joanna", say.Attribute("voice")?.Value);
        Assert.Equal("https://outreach.example.com/twilio/voice/gather", twiml.Element("Gather")!.Attribute("action")?.Value);
    }

    [Fact]
    public void Language_without_a_configured_voice_uses_twilios_default_voice()
    {
        var twiml = XElement.Parse(renderer.Render(new VoiceTurn("Bonjour", "fr-FR", VoiceNext.Gather, Goodbye: "Au revoir"), null));

        var say = twiml.Element("Gather")!.Element("Say")!;
        Assert.Equal("fr-FR", say.Attribute("language")?.Value);
        Assert.Null(say.Attribute("voice"));
        Assert.Null(twiml.Element("Say")!.Attribute("voice"));
    }

    [Fact]
    public void Regional_language_falls_back_to_the_voice_of_its_primary_language()
    {
        var twiml = XElement.Parse(renderer.Render(new VoiceTurn("Press 1", "en-GB", VoiceNext.Gather), null));

        var say = twiml.Element("Gather")!.Element("Say")!;
        Assert.Equal("en-GB", say.Attribute("language")?.Value);
        Assert.Equal("Polly.Joanna", say.Attribute("voice")?.Value);
    }

    [Theory]
    [InlineData("ZH", "zh-CN")]
    [InlineData("zh-hans", "zh-CN")]
    [InlineData("cmn", "zh-CN")]
    [InlineData("EN", "en-US")]
    [InlineData("zh-TW", "zh-TW")]
    public void Speech_language_is_region_qualified(string language, string expected)
    {
        Assert.Equal(expected, TwimlRenderer.SayLanguage(language));
    }

    [Fact]
    public void Dial_turn_connects_the_number()
    {
        var twiml = XElement.Parse(renderer.Render(new VoiceTurn("正在转接", "zh-CN", VoiceNext.Dial, DialNumber: "+8657188889999"), "d"));

        Assert.Equal("正在转接", twiml.Element("Say")!.Value);
        Assert.Equal("+8657188889999", twiml.Element("Dial")!.Value);
    }

    [Fact]
    public void Dial_without_a_number_is_a_bug()
    {
        Assert.Throws<InvalidOperationException>(() => renderer.Render(new VoiceTurn("x", "en", VoiceNext.Dial), null));
    }
}
