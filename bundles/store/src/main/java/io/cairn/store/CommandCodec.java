package io.cairn.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The binary form of commands in the log: one type byte, then the command's fields in
 * declaration order (strings as length-prefixed UTF-8, byte arrays length-prefixed, numbers
 * big-endian). Stable across releases: a field is only ever added behind a new command type.
 */
public final class CommandCodec {


    private CommandCodec() {
    }

    public static byte[] encode(Command command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(command.type().id());
            command.writeFields(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A {@link Command.Batch} of commands already encoded: the bytes {@code encode} would give for it. */
    public static byte[] encodeBatch(List<byte[]> encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(CommandType.BATCH.id());
            Command.Batch.writeEncoded(out, encoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The command in {@code data}; empty when its type is unknown but marked
     * {@link CommandType#IGNORABLE}.
     *
     * @throws UnknownCommandException for an unknown type that may not be skipped
     * @throws IllegalArgumentException when the bytes are not a well-formed command
     */
    public static Optional<Command> decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int id = in.readUnsignedByte();
            Optional<CommandType> type = CommandType.byId(id);
            if (type.isEmpty()) {
                if ((id & CommandType.IGNORABLE) != 0) {
                    return Optional.empty();
                }
                throw new UnknownCommandException(id);
            }
            Command command = switch (type.get()) {
                case KV_SET -> new Command.KvSet(Binary.readString(in), Binary.readBytes(in), in.readLong());
                case KV_CAS -> new Command.KvCas(Binary.readString(in), Binary.readBytes(in), in.readLong(), in.readLong());
                case KV_DELETE -> new Command.KvDelete(Binary.readString(in));
                case KV_DELETE_CAS -> new Command.KvDeleteCas(Binary.readString(in), in.readLong());
                case KV_DELETE_TREE -> new Command.KvDeleteTree(Binary.readString(in));
                case CATALOG_REGISTER -> readCatalogRegister(in);
                case CATALOG_DEREGISTER -> new Command.CatalogDeregister(CatalogCodec.readDeregistration(in));
                case SESSION_CREATE -> new Command.SessionCreate(SessionBinary.read(in));
                case SESSION_DESTROY -> new Command.SessionDestroy(Binary.readString(in), in.readLong());
                case SESSION_RENEW -> new Command.SessionRenew(Binary.readString(in));
                case KV_LOCK -> new Command.KvLock(Binary.readString(in), Binary.readBytes(in), in.readLong(),
                        Binary.readString(in), in.readLong());
                case KV_UNLOCK -> new Command.KvUnlock(Binary.readString(in), Binary.readBytes(in), in.readLong(),
                        Binary.readString(in));
                case TXN -> readTxn(in);
                case SNAPSHOT_RESTORE -> new Command.SnapshotRestore(Binary.readBytes(in));
                case TOMBSTONE_REAP -> new Command.TombstoneReap(in.readLong());
                case CA_INITIALIZE -> new Command.CaInitialize(Binary.readString(in), Binary.readString(in));
                case BATCH -> readBatch(in);
            };
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes after a " + type.get() + " command");
            }
            return Optional.of(command);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed command: " + e, e);
        }
    }

    private static Command.Batch readBatch(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 1 || count > GroupCommit.MAX_COMMANDS) {
            throw new IOException("impossible batch size " + count);
        }
        List<Command> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            commands.add(decode(Binary.readBytes(in)).orElseThrow(() -> new IOException("an unknown command in a batch")));
        }
        return new Command.Batch(commands);
    }

    private static Command.Txn readTxn(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > TxnRules.MAX_OPS) {
            throw new IOException("impossible transaction size " + count);
        }
        List<TxnOp> ops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ops.add(TxnOp.read(in));
        }
        return new Command.Txn(ops, in.readLong());
    }

    private static Command.CatalogRegister readCatalogRegister(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new IOException("impossible registration count " + count);
        }
        List<io.cairn.api.catalog.Registration> registrations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            registrations.add(CatalogCodec.readRegistration(in));
        }
        return new Command.CatalogRegister(registrations);
    }
}
