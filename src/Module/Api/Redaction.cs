using System;
using System.Collections;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace CapMonster.Api
{
    /// <summary>The one place that hides secrets in anything shown: debug bodies, -WhatIf text, error messages.</summary>
    internal static class Redaction
    {
        internal const string Mask = "***";
        private const int MinimumScrubLength = 6;

        // How deep a dictionary given as an error's target is searched for secrets; deeper means self-containing.
        private const int MaximumTargetDepth = 8;

        // clientKey (with any __suffix, which is part of the value) and proxyPassword, in any letter case.
        private static readonly Regex SecretJsonValue = new(
            "(\"(?:clientKey|proxyPassword)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        // The user info of a URI ('scheme://user:password@'), also in text that does not parse as one.
        private static readonly Regex UserInfo = new(
            "^(\\s*[A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@",
            RegexOptions.CultureInvariant | RegexOptions.Compiled);

        /// <summary>The JSON text with the values of clientKey and proxyPassword replaced by ***.</summary>
        internal static string RedactJson(string json) => SecretJsonValue.Replace(json, "$1\"" + Mask + "\"");

        /// <summary>A URI's text with its user name and password replaced by ***, whether or not it parses.</summary>
        internal static string HideUserInfo(string uriText) => UserInfo.Replace(uriText, "$1" + Mask + "@");

        /// <summary>
        /// The text with every occurrence of the key, and of its base part before a __suffix, replaced by ***; for
        /// texts from outside (a server's description, a body snippet) that might echo the key back.
        /// </summary>
        internal static string Scrub(string text, ApiKey? key)
        {
            if (key is null || string.IsNullOrEmpty(text))
            {
                return text;
            }
            string secret = key.Reveal();
            if (secret.Length < MinimumScrubLength)
            {
                return text; // too short to be a real key; replacing it would only mangle the text
            }
            return text.Replace(secret, Mask).Replace(ApiKey.WithoutSuffix(secret), Mask);
        }

        /// <summary>
        /// Text from outside (an answer's body) as it may be shown: the key scrubbed and secret JSON values masked
        /// in the whole text first, then cut at <paramref name="maximumLength"/>, so a cut never leaves part of a secret.
        /// </summary>
        internal static string Shown(string text, int maximumLength, ApiKey? key)
        {
            string safe = RedactJson(Scrub(text, key));
            return safe.Length <= maximumLength ? safe : safe.Substring(0, maximumLength) + "…";
        }

        /// <summary>
        /// What an error may point at: the object itself, or, for a dictionary (a raw -Task hashtable) holding a
        /// clientKey or proxyPassword at any depth, a copy with those values replaced by ***.
        /// </summary>
        internal static object? SafeTarget(object? target) =>
            (target is PSObject wrapped ? wrapped.BaseObject : target) is IDictionary dictionary && HoldsSecret(dictionary, 0)
                ? MaskedCopy(dictionary, 0)
                : target;

        private static bool IsSecretKey(object key) =>
            key is string name && (name.Equals("clientKey", StringComparison.OrdinalIgnoreCase) || name.Equals("proxyPassword", StringComparison.OrdinalIgnoreCase));

        private static bool HoldsSecret(IDictionary dictionary, int depth)
        {
            if (depth > MaximumTargetDepth)
            {
                return false;
            }
            foreach (DictionaryEntry entry in dictionary)
            {
                if ((IsSecretKey(entry.Key) && entry.Value is not null) || (Unwrap(entry.Value) is IDictionary inner && HoldsSecret(inner, depth + 1)))
                {
                    return true;
                }
            }
            return false;
        }

        private static IDictionary MaskedCopy(IDictionary dictionary, int depth)
        {
            IDictionary copy = dictionary is OrderedDictionary
                ? new OrderedDictionary(StringComparer.OrdinalIgnoreCase)
                : new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in dictionary)
            {
                object? value = entry.Value;
                if (IsSecretKey(entry.Key) && value is not null)
                {
                    value = Mask;
                }
                else if (depth < MaximumTargetDepth && Unwrap(value) is IDictionary inner && HoldsSecret(inner, depth + 1))
                {
                    value = MaskedCopy(inner, depth + 1);
                }
                copy[entry.Key] = value;
            }
            return copy;
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
    }
}
