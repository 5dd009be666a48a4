using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;
using Twilio.TwiML;

namespace Outreach.Telephony.Voice;

/// <summary>
/// Writes the SDK's TwiML document as text without the XDocument and XmlWriter the SDK's <c>ToString()</c> builds
/// for it: on a busy call path those were most of what a turn allocated and most of its time. Each element is still
/// the SDK's own: its tag, body and attributes (names, values and their formatting) come from the element itself, read
/// through the members its <c>ToXml()</c> reads (non-public in Twilio 8.2.0; tests hold the output to the SDK's
/// <c>ToString()</c>). A document with free-form options or text nodes is written from <c>ToXDocument()</c>.
/// </summary>
internal static class TwimlText
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    private static readonly SearchValues<char> EscapedInText = SearchValues.Create("&<>\r\n");
    private static readonly SearchValues<char> EscapedInAttribute = SearchValues.Create("&<>\"\n\r\t");

    /// <summary>Element types whose ToXml() is not the base one (the SDK's text node): written from ToXDocument().</summary>
    private static readonly ConcurrentDictionary<Type, bool> BuildsItsOwnXml = new();

    [ThreadStatic]
    private static StringBuilder? buffer;

    public static string Of(TwiML twiml)
    {
        ArgumentNullException.ThrowIfNull(twiml);
        var text = buffer ??= new StringBuilder(2048);
        if (!TryWrite(twiml, text.Clear().Append(Declaration)))
        {
            Write(twiml.ToXDocument().Root!, text.Clear().Append(Declaration));
        }

        var result = text.ToString();
        if (text.Capacity > 16 * 1024)
        {
            buffer = null;
        }

        return result;
    }

    /// <summary>Writes the element as the SDK's ToXml() would build it; false when it has something only ToXml() handles.</summary>
    private static bool TryWrite(TwiML element, StringBuilder text)
    {
        if (OptionsOf(element).Count > 0 || BuildsItsOwnXml.GetOrAdd(element.GetType(), OverridesToXml))
        {
            return false;
        }

        var name = TagOf(element);
        text.Append('<').Append(name);
        var renamed = AttributeNamesOf(element);
        foreach (var attribute in AttributesOf(element))
        {
            if (attribute.Name.Namespace != XNamespace.None)
            {
                return false;
            }

            var attributeName = renamed.TryGetValue(attribute.Name.LocalName, out var mapped) ? mapped : attribute.Name.LocalName;
            text.Append(' ').Append(attributeName).Append("=\"");
            Escape(attribute.Value, text, EscapedInAttribute);
            text.Append('"');
        }

        // new XElement(tag, body): a null body with no children is an empty element, an empty string is not.
        var body = BodyOf(element);
        var children = ChildrenOf(element);
        if (body is null && children.Count == 0)
        {
            text.Append("/>");
            return true;
        }

        text.Append('>');
        Escape(body ?? string.Empty, text, EscapedInText);
        foreach (var child in children)
        {
            if (!TryWrite(child, text))
            {
                return false;
            }
        }

        text.Append("</").Append(name).Append('>');
        return true;
    }

    private static bool OverridesToXml(Type type) =>
        type.GetMethod("ToXml", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)?.DeclaringType != typeof(TwiML);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_TagName")]
    private static extern string TagOf(TwiML element);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "GetElementBody")]
    private static extern string? BodyOf(TwiML element);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "GetElementAttributes")]
    private static extern List<XAttribute> AttributesOf(TwiML element);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "AttributeNameMapper")]
    private static extern ref Dictionary<string, string> AttributeNamesOf(TwiML element);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Options")]
    private static extern List<KeyValuePair<string, string>> OptionsOf(TwiML element);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_Children")]
    private static extern List<TwiML> ChildrenOf(TwiML element);

    // The linked lists are walked directly: Attributes() and Nodes() would allocate an iterator per element.
    private static void Write(XElement element, StringBuilder text)
    {
        text.Append('<').Append(element.Name.LocalName);
        for (var attribute = element.FirstAttribute; attribute is not null; attribute = attribute.NextAttribute)
        {
            // The only namespace in TwiML is xml: (an option such as "xml:lang").
            text.Append(' ').Append(attribute.Name.Namespace == XNamespace.Xml ? "xml:" : string.Empty).Append(attribute.Name.LocalName).Append("=\"");
            Escape(attribute.Value, text, EscapedInAttribute);
            text.Append('"');
        }

        if (element.IsEmpty)
        {
            text.Append("/>");
            return;
        }

        text.Append('>');
        for (var node = element.FirstNode; node is not null; node = node.NextNode)
        {
            switch (node)
            {
                case XElement child:
                    Write(child, text);
                    break;
                case XText content:
                    Escape(content.Value, text, EscapedInText);
                    break;
            }
        }

        text.Append("</").Append(element.Name.LocalName).Append('>');
    }

    /// <summary>
    /// Escapes as the SDK's XmlWriter does (its default settings): in attributes, line breaks and tabs become character
    /// references; in text, each line break (\r\n, \r or \n) becomes the platform's new line.
    /// </summary>
    private static void Escape(string value, StringBuilder text, SearchValues<char> escaped)
    {
        var attribute = escaped == EscapedInAttribute;
        var rest = value.AsSpan();
        for (var next = rest.IndexOfAny(escaped); next >= 0; next = rest.IndexOfAny(escaped))
        {
            var c = rest[next];
            text.Append(rest[..next]).Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\t' => "&#x9;",
                '\n' => attribute ? "&#xA;" : Environment.NewLine,
                _ => attribute ? "&#xD;" : Environment.NewLine,
            });
            var crlf = !attribute && c == '\r' && next + 1 < rest.Length && rest[next + 1] == '\n';
            rest = rest[(next + (crlf ? 2 : 1))..];
        }

        text.Append(rest);
    }
}
