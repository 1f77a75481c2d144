using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CapMonster.Localization;

namespace CapMonster.Tasks
{
    /// <summary>The caller's proxy for the task, from -ProxyType/-ProxyAddress/... or parsed from -Proxy.</summary>
    internal sealed class TaskProxy
    {
        internal static readonly string[] Types = ["http", "https", "socks4", "socks5"];

        internal string? Type { get; set; }

        internal string? Address { get; set; }

        internal int? Port { get; set; }

        internal string? Login { get; set; }

        internal string? Password { get; set; }

        internal bool IsEmpty => Type is null && Address is null && Port is null && Login is null && Password is null;

        /// <summary>Parses 'socks5://user:pass@1.2.3.4:1080'; null when it is not of that form.</summary>
        internal static TaskProxy? Parse(string text)
        {
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri) || uri.Port <= 0 || string.IsNullOrEmpty(uri.Host))
            {
                return null;
            }
            var proxy = new TaskProxy { Type = uri.Scheme.ToLowerInvariant(), Address = uri.Host.Trim('[', ']'), Port = uri.Port };
            if (uri.UserInfo.Length > 0)
            {
                string[] parts = uri.UserInfo.Split([':'], 2);
                proxy.Login = Uri.UnescapeDataString(parts[0]);
                proxy.Password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
            }
            return proxy;
        }
    }

    /// <summary>A task field as a caller gave it: by parameter or JSON name, from the command line or from a piped object.</summary>
    internal readonly struct TaskValue
    {
        internal TaskValue(string name, object? value, bool fromObject)
        {
            Name = name;
            Value = value;
            FromObject = fromObject;
        }

        internal string Name { get; }

        internal object? Value { get; }

        /// <summary>Read from a CSV row or a hashtable: empty means not given, other types' fields are ignored.</summary>
        internal bool FromObject { get; }
    }

    /// <summary>
    /// A task checked against the table and ready to send: the createTask "task" object in field order. Checks
    /// come before any money is spent: missing or unexpected fields, bad URLs, image sizes, incomplete proxies.
    /// </summary>
    internal sealed class TaskSpec
    {
        internal const int MinImageBytes = 100;
        internal const int MaxImageBytes = 50_000;

        private readonly List<KeyValuePair<string, object?>> fields;
        private readonly List<KeyValuePair<string, object?>> metadata;
        private readonly List<string> warnings = [];
        private readonly List<string> details = [];

        private TaskSpec(TaskTypeRow row, string typeName, string apiType, string? taskClass, List<KeyValuePair<string, object?>> fields, List<KeyValuePair<string, object?>> metadata)
        {
            Row = row;
            TypeName = typeName;
            ApiType = apiType;
            Class = taskClass;
            this.fields = fields;
            this.metadata = metadata;
        }

        internal TaskTypeRow Row { get; }

        /// <summary>What the caller should hear before the task is sent: fields the table does not know, a deprecated type.</summary>
        internal IReadOnlyList<string> Warnings => warnings;

        /// <summary>What -Verbose tells about the task: a piped object's keys that were not sent.</summary>
        internal IReadOnlyList<string> Details => details;

        /// <summary>What the task was made from: the piped object, the -Task hashtable; null for parameters alone.</summary>
        internal object? Input { get; set; }

        /// <summary>The image file the task was made from, as a full path; null when it came from no file.</summary>
        internal string? Path { get; set; }

        /// <summary>createTask's callbackUrl for this task (from -CallbackUrl or the input's own column).</summary>
        internal string? CallbackUrl { get; set; }

        /// <summary>createTask's softId for this task.</summary>
        internal int? SoftId { get; set; }

        /// <summary>What an error about this task points at: its input, else its file, else its type.</summary>
        internal object Target => Input ?? (object?)Path ?? TypeName;

        /// <summary>The page the task is about, as sent; null for image tasks without one.</summary>
        internal string? WebsiteUrl => fields.FirstOrDefault(f => string.Equals(f.Key, "websiteURL", StringComparison.OrdinalIgnoreCase)).Value is { } url
            ? Convert.ToString(url, CultureInfo.InvariantCulture)
            : null;

        /// <summary>The friendly type name, or the raw task's own type when the table does not know it.</summary>
        internal string TypeName { get; }

        internal string ApiType { get; }

        internal string? Class { get; }

        /// <summary>nocache was asked for: the first poll waits longer.</summary>
        internal bool NoCache => fields.Any(f => string.Equals(f.Key, TaskTypes.NoCache, StringComparison.OrdinalIgnoreCase) && f.Value is true);

        /// <summary>The first poll after creation for this task.</summary>
        internal TimeSpan FirstPoll => NoCache ? TasksTiming.Max(Row.FirstPoll, TaskTypes.NoCacheFirstPoll) : Row.FirstPoll;

        /// <summary>
        /// Builds a typed task. <paramref name="values"/> holds the task fields given, by parameter name or JSON name;
        /// <paramref name="extraMetadata"/> is -Metadata. From a piped object (a CSV row, a hashtable) an empty value is
        /// a field not given and a field of another type is ignored, so one spreadsheet can mix types;
        /// <paramref name="convert"/> turns such a value into its parameter's type, and is asked only for the fields
        /// the task keeps. Throws a CapMonsterException that says what to fix.
        /// </summary>
        internal static TaskSpec Build(
            string type, IReadOnlyList<TaskValue> values, IDictionary? extraMetadata, TaskProxy proxy, Func<string, object?, object?>? convert = null)
        {
            IReadOnlyList<TaskTypeRow> candidates = TaskTypes.Find(type);
            if (candidates.Count == 0)
            {
                throw Error(ModuleErrorId.UnknownTaskType, Messages.UnknownTaskType(type, string.Join(", ", TaskTypes.Names)));
            }
            TaskTypeRow row = PickVariant(candidates, values);

            var given = new Dictionary<string, object?>(StringComparer.Ordinal);
            var unknown = new List<string>();
            var notSent = new List<string>();
            foreach (TaskValue value in values)
            {
                string? field = TaskTypes.FieldOf(row, value.Name);
                if (value.FromObject && !IsPresent(Unwrap(value.Value), field is not null && IsRequiredAllowingEmpty(row, field)))
                {
                    continue;
                }
                if (field is null)
                {
                    if (TaskTypes.OtherVariantWith(row, value.Name) is { } other)
                    {
                        throw Error(ModuleErrorId.UnexpectedTaskField, Messages.OtherVariantField(value.Name, row.Name, other.Name));
                    }
                    string? elsewhere = TaskTypes.AnyField(value.Name);
                    if (value.FromObject && elsewhere is not null)
                    {
                        continue; // a column of another type in a spreadsheet that mixes types
                    }
                    if (value.FromObject && !TaskTypes.IsApiFieldName(value.Name))
                    {
                        notSent.Add(value.Name); // a spreadsheet's own column (Id, Notes): it stays on the input
                        continue;
                    }
                    // A field the table does not know for this type: the service adds fields every few months.
                    field = elsewhere ?? value.Name;
                    unknown.Add(TaskTypes.JsonName(field));
                }
                given[field] = Normalize(field, value.FromObject && convert is not null ? convert(value.Name, value.Value) : value.Value);
            }
            if (extraMetadata is not null)
            {
                foreach (DictionaryEntry entry in extraMetadata)
                {
                    string key = TaskTypes.MetadataPrefix + Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                    if (!given.ContainsKey(key))
                    {
                        given[key] = Unwrap(entry.Value);
                    }
                }
            }

            foreach (string required in row.Required)
            {
                string[] alternatives = required.Split('|');
                if (!alternatives.Any(a => given.TryGetValue(a, out object? v) && IsPresent(v, row.AllowEmpty.Contains(a))))
                {
                    throw Error(ModuleErrorId.MissingTaskField, Messages.MissingTaskField(row.Name, string.Join(" | ", alternatives.Select(Describe))));
                }
            }
            CheckValues(given);
            CheckProxy(row, proxy);

            var top = new List<KeyValuePair<string, object?>>();
            var meta = new List<KeyValuePair<string, object?>>();
            foreach (string field in row.AllFields.Concat(given.Keys).Distinct(StringComparer.Ordinal))
            {
                if (given.TryGetValue(field, out object? value))
                {
                    (TaskTypes.IsMetadata(field) ? meta : top).Add(new(TaskTypes.JsonName(field), value));
                }
            }
            if (!proxy.IsEmpty)
            {
                top.Add(new("proxyType", proxy.Type));
                top.Add(new("proxyAddress", proxy.Address));
                top.Add(new("proxyPort", proxy.Port));
                if (proxy.Login is not null)
                {
                    top.Add(new("proxyLogin", proxy.Login));
                }
                if (proxy.Password is not null)
                {
                    top.Add(new("proxyPassword", proxy.Password));
                }
            }
            var spec = new TaskSpec(row, row.Name, row.ApiType, row.Class, top, meta);
            if (unknown.Count > 0)
            {
                spec.warnings.Add(Messages.UnknownTaskFields(row.Name, string.Join(", ", unknown)));
            }
            if (notSent.Count > 0)
            {
                spec.details.Add(Messages.KeysNotSent(row.Name, string.Join(", ", notSent)));
            }
            if (row.Deprecated)
            {
                spec.warnings.Add(Messages.DeprecatedTaskType(row.Name));
            }
            return Writable(spec);
        }

        /// <summary>A task object sent as is (-Task), for types the table does not know yet; only its type is required.</summary>
        internal static TaskSpec FromRaw(IDictionary task)
        {
            var top = new List<KeyValuePair<string, object?>>();
            string? type = null;
            string? taskClass = null;
            foreach (DictionaryEntry entry in task)
            {
                string key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                object? value = Unwrap(entry.Value);
                if (string.Equals(key, "type", StringComparison.OrdinalIgnoreCase))
                {
                    type = Convert.ToString(value, CultureInfo.InvariantCulture);
                }
                else if (string.Equals(key, "class", StringComparison.OrdinalIgnoreCase))
                {
                    taskClass = Convert.ToString(value, CultureInfo.InvariantCulture);
                }
                top.Add(new(key, value));
            }
            if (string.IsNullOrWhiteSpace(type))
            {
                throw Error(ModuleErrorId.MissingTaskField, Messages.MissingTaskField("-Task", "type"));
            }
            TaskTypeRow row = TaskTypes.ForApiType(type, taskClass);
            // Written as given: type and class are already among the fields.
            var spec = new TaskSpec(row, ReferenceEquals(row, TaskTypes.Unknown) ? type! : row.Name, string.Empty, null, top, []);
            if (row.Deprecated)
            {
                spec.warnings.Add(Messages.DeprecatedTaskType(row.Name));
            }
            return Writable(spec);
        }

        /// <summary>Writes the task object's properties (not its braces).</summary>
        internal void Write(Utf8JsonWriter writer)
        {
            if (ApiType.Length > 0)
            {
                writer.WriteString("type", ApiType);
            }
            if (Class is not null)
            {
                writer.WriteString("class", Class);
            }
            foreach (KeyValuePair<string, object?> field in fields)
            {
                writer.WritePropertyName(field.Key);
                JsonValues.Write(writer, field.Value, field.Key);
            }
            if (metadata.Count > 0)
            {
                writer.WriteStartObject("metadata");
                foreach (KeyValuePair<string, object?> field in metadata)
                {
                    writer.WritePropertyName(field.Key);
                    JsonValues.Write(writer, field.Value, "metadata." + field.Key);
                }
                writer.WriteEndObject();
            }
        }

        /// <summary>
        /// Writes the task once where nobody reads it, so a value JSON cannot hold (NaN, a hashtable containing itself,
        /// a property that throws) is this input's InvalidTaskField error before -WhatIf, a throttle slot or a request.
        /// </summary>
        private static TaskSpec Writable(TaskSpec spec)
        {
            using var writer = new Utf8JsonWriter(System.IO.Stream.Null);
            writer.WriteStartObject();
            spec.Write(writer);
            writer.WriteEndObject();
            return spec;
        }

        private static TaskTypeRow PickVariant(IReadOnlyList<TaskTypeRow> candidates, IReadOnlyList<TaskValue> values)
        {
            if (candidates.Count == 1 || candidates[0].VariantField is null)
            {
                return candidates[0];
            }
            string field = candidates[0].VariantField!;
            string? given = values.Where(v => TaskTypes.Means(field, v.Name)).Select(v => Convert.ToString(Unwrap(v.Value), CultureInfo.InvariantCulture)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            return candidates.FirstOrDefault(r => r.VariantValue is not null && string.Equals(r.VariantValue, given?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? candidates.First(r => r.VariantValue is null);
        }

        private static bool IsRequiredAllowingEmpty(TaskTypeRow row, string field) =>
            row.AllowEmpty.Contains(field) && row.Required.Any(r => r.Split('|').Contains(field));

        private static object? Normalize(string field, object? value)
        {
            value = Unwrap(value);
            // cookies go as "a=1; b=2"; a hashtable (or a JSON object) is the natural way to write them in PowerShell.
            if (TaskTypes.JsonName(field) == "cookies")
            {
                if (value is IDictionary cookies)
                {
                    return string.Join("; ", cookies.Cast<DictionaryEntry>().Select(c => $"{c.Key}={c.Value}"));
                }
                if (value is PSObject { BaseObject: PSCustomObject } custom)
                {
                    return string.Join("; ", custom.Properties.Select(c => $"{c.Name}={c.Value}"));
                }
            }
            return value;
        }

        private static object? Unwrap(object? value) => value switch
        {
            PSObject { BaseObject: not PSCustomObject } wrapped => Unwrap(wrapped.BaseObject),
            SwitchParameter flag => flag.IsPresent,
            _ => value,
        };

        private static bool IsPresent(object? value, bool allowEmpty) => value switch
        {
            null => false,
            string s => allowEmpty || s.Trim().Length > 0,
            ICollection { Count: 0 } => false,
            _ => true,
        };

        private static string Describe(string field) =>
            TaskTypes.WithoutParameter.Contains(field) ? field
            : "-" + TaskTypes.ParameterName(field) + (TaskTypes.IsMetadata(field) ? $" (metadata.{TaskTypes.JsonName(field)})" : string.Empty);

        /// <summary>Values the service would refuse: checked here, with the catalog's own error where it has one.</summary>
        private static void CheckValues(Dictionary<string, object?> given)
        {
            if (given.TryGetValue("websiteURL", out object? url))
            {
                string text = Convert.ToString(url, CultureInfo.InvariantCulture) ?? string.Empty;
                if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    throw CapMonsterException.FromLocalCheck("ERROR_RECAPTCHA_INVALID_DOMAIN", Messages.BadWebsiteUrl(text));
                }
            }
            foreach (string imageField in new[] { "body", "imagesBase64", "exampleImagesBase64" })
            {
                if (given.TryGetValue(imageField, out object? images))
                {
                    foreach (object? image in images is string single ? new object[] { single } : images as IEnumerable ?? Array.Empty<object>())
                    {
                        CheckImage(Convert.ToString(image, CultureInfo.InvariantCulture) ?? string.Empty);
                    }
                }
            }
        }

        private static void CheckImage(string base64)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                throw Error(ModuleErrorId.InvalidTaskField, Strings.NotBase64);
            }
            if (bytes.Length < MinImageBytes)
            {
                throw CapMonsterException.FromLocalCheck("ERROR_ZERO_CAPTCHA_FILESIZE", Messages.ImageSize(bytes.Length));
            }
            if (bytes.Length > MaxImageBytes)
            {
                throw CapMonsterException.FromLocalCheck("ERROR_TOO_BIG_CAPTCHA_FILESIZE", Messages.ImageSize(bytes.Length));
            }
        }

        private static void CheckProxy(TaskTypeRow row, TaskProxy proxy)
        {
            if (proxy.IsEmpty)
            {
                if (row.Proxy == ProxyRule.Required)
                {
                    throw CapMonsterException.FromLocalCheck("ERROR_PROXY_MISSING", Messages.ProxyRequired(row.Name));
                }
                return;
            }
            if (row.Proxy == ProxyRule.None)
            {
                throw Error(ModuleErrorId.UnexpectedTaskField, Messages.ProxyNotTaken(row.Name));
            }
            bool complete = proxy.Type is not null && proxy.Address is not null && proxy.Port is not null
                && (row.Proxy != ProxyRule.Required || (proxy.Login is not null && proxy.Password is not null));
            if (!complete || !TaskProxy.Types.Contains(proxy.Type))
            {
                throw CapMonsterException.FromLocalCheck("ERROR_PROXY_MISSING", Messages.ProxyIncomplete(row.Proxy == ProxyRule.Required));
            }
            // The service connects to the proxy itself: it needs a public IP address, not a name or a private one.
            if (!IPAddress.TryParse(proxy.Address, out IPAddress? address) || !IsPublic(address))
            {
                throw Error(ModuleErrorId.InvalidTaskField, Messages.ProxyAddress(proxy.Address!));
            }
        }

        private static bool IsPublic(IPAddress address)
        {
            if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                return false;
            }
            if (address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                return !address.IsIPv6LinkLocal && !address.IsIPv6SiteLocal && (address.GetAddressBytes()[0] & 0xFE) != 0xFC;
            }
            byte[] b = address.GetAddressBytes();
            return !(b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254));
        }

        private static CapMonsterException Error(ModuleErrorId id, string message) => CapMonsterException.FromModuleError(id, message);
    }

    /// <summary>Small time helpers netstandard2.0 lacks.</summary>
    internal static class TasksTiming
    {
        internal static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    }
}
