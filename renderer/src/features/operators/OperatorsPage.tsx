// Administrators add operators, change their roles, disable them, reset passwords and unlock.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorView } from '../../../../shared/api/types';
import { ROLES, type Role } from '../../../../shared/roles';
import { useNotifyError } from '../../app/hooks';
import { FormDialog } from '../../components/FormDialog';
import { PageHeader } from '../../components/PageHeader';
import { passwordRules } from '../auth/passwordRules';
import {
  useCreateOperatorMutation,
  useOperatorsQuery,
  useResetPasswordMutation,
  useUnlockOperatorMutation,
  useUpdateOperatorMutation,
} from './operatorsApi';
import { formatOfficeTime } from '../../components/officeClock';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; operator: OperatorView }
  | { kind: 'reset'; operator: OperatorView }
  | null;

export function OperatorsPage({ currentOperatorId }: { currentOperatorId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const operators = useOperatorsQuery();
  const [unlock] = useUnlockOperatorMutation();
  const [dialog, setDialog] = useState<Dialog>(null);

  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));

  return (
    <div>
      <PageHeader
        title={t('operators.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'create' })}
          >
            {t('operators.add')}
          </Button>
        }
      />
      <Table<OperatorView>
        rowKey="id"
        size="middle"
        loading={operators.isLoading}
        dataSource={operators.data ?? []}
        pagination={false}
        columns={[
          { title: t('operators.username'), dataIndex: 'username' },
          { title: t('operators.displayName'), dataIndex: 'displayName' },
          {
            title: t('operators.role'),
            dataIndex: 'role',
            render: (role: Role) => t(`roles.${role}`),
          },
          {
            title: t('operators.state'),
            key: 'state',
            render: (_, op) => (
              <Space size={4}>
                {op.active ? (
                  <Tag color="green">{t('operators.active')}</Tag>
                ) : (
                  <Tag>{t('operators.disabled')}</Tag>
                )}
                {op.lockedUntil && <Tag color="red">{t('operators.locked')}</Tag>}
                {op.mustChangePassword && <Tag color="gold">{t('operators.mustChange')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('operators.lastLogin'),
            dataIndex: 'lastLoginAt',
            render: (at: string | null) =>
              at ? formatOfficeTime(at, i18n.language) : t('operators.never'),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, op) => (
              <Space size={0}>
                <Button type="link" onClick={() => setDialog({ kind: 'edit', operator: op })}>
                  {t('operators.edit')}
                </Button>
                <Button type="link" onClick={() => setDialog({ kind: 'reset', operator: op })}>
                  {t('operators.resetPassword')}
                </Button>
                {op.lockedUntil && (
                  <Button
                    type="link"
                    onClick={async () => {
                      const result = await unlock({ id: op.id });
                      if ('error' in result) notifyError(result.error);
                      else void message.success(t('operators.unlocked'));
                    }}
                  >
                    {t('operators.unlock')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'create' && (
        <CreateOperator roleOptions={roleOptions} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'edit' && (
        <EditOperator
          operator={dialog.operator}
          isSelf={dialog.operator.id === currentOperatorId}
          roleOptions={roleOptions}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPassword operator={dialog.operator} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

type RoleOptions = { value: Role; label: string }[];

function CreateOperator({
  roleOptions,
  onClose,
}: {
  roleOptions: RoleOptions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{
    username: string;
    displayName: string;
    role: Role;
    password: string;
  }>();
  const [create, { isLoading }] = useCreateOperatorMutation();
  return (
    <FormDialog title={t('operators.add')} form={form} loading={isLoading} onClose={onClose}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: 'cashier' }}
        onFinish={async (values) => {
          const result = await create(values);
          if ('error' in result) return notifyError(result.error);
          void message.success(t('operators.created'));
          onClose();
        }}
      >
        <Form.Item
          name="username"
          label={t('operators.username')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: 'a-z 0-9 _ . - (2–32)' },
          ]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('operators.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('operators.role')}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('operators.initialPassword')}
          extra={t('operators.resetPasswordHint')}
          rules={passwordRules(t)}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function EditOperator({
  operator,
  isSelf,
  roleOptions,
  onClose,
}: {
  operator: OperatorView;
  isSelf: boolean;
  roleOptions: RoleOptions;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ displayName: string; role: Role; active: boolean }>();
  const [update, { isLoading }] = useUpdateOperatorMutation();
  return (
    <FormDialog
      title={`${t('operators.edit')} · ${operator.username}`}
      form={form}
      loading={isLoading}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          displayName: operator.displayName,
          role: operator.role,
          active: operator.active,
        }}
        onFinish={async (values) => {
          const result = await update({ id: operator.id, ...values });
          if ('error' in result) return notifyError(result.error);
          void message.success(t('common.saved'));
          onClose();
        }}
      >
        <Form.Item
          name="displayName"
          label={t('operators.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="role" label={t('operators.role')}>
          <Select options={roleOptions} disabled={isSelf} />
        </Form.Item>
        <Form.Item name="active" label={t('operators.active')} valuePropName="checked">
          <Switch disabled={isSelf} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function ResetPassword({ operator, onClose }: { operator: OperatorView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ password: string }>();
  const [reset, { isLoading }] = useResetPasswordMutation();
  return (
    <FormDialog
      title={`${t('operators.resetPassword')} · ${operator.username}`}
      form={form}
      loading={isLoading}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ password }) => {
          const result = await reset({ id: operator.id, password });
          if ('error' in result) return notifyError(result.error);
          void message.success(t('common.saved'));
          onClose();
        }}
      >
        <Form.Item
          name="password"
          label={t('operators.initialPassword')}
          extra={t('operators.resetPasswordHint')}
          rules={passwordRules(t)}
        >
          <Input.Password autoFocus autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

export default OperatorsPage;
